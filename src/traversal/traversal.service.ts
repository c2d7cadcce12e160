import type { AnyEntity } from '../entities/entity.mapper';
import type { Source } from '../sources/source.type';
import { gradePath, toSubgraphEdge, type RawPath } from './path-score';
import { PathOrder } from './traversal.args';
import type { Path, Subgraph } from './traversal.type';

/**
 * What traversal resolvers do between the repository and the client: grade raw paths (one batched
 * source lookup for all of them), rank them, and merge paths into a subgraph.
 */
export async function gradePaths(
  raws: RawPath[],
  loadSources: (ids: string[]) => Promise<Source[]>,
  truncated = false,
): Promise<Path[]> {
  const sourceIds = new Set<string>();
  for (const raw of raws) {
    for (const edge of raw.edges)
      for (const id of (edge.props.sourceIds as string[] | undefined) ?? []) sourceIds.add(id);
    for (const node of raw.nodes) for (const id of node.sourceIds) sourceIds.add(id);
  }
  const sources = new Map((await loadSources([...sourceIds])).map((source) => [source.id, source]));
  return raws.map((raw) => ({ ...gradePath(raw, sources), truncated }));
}

/**
 * Shortest first (then established before unestablished, then best evidence), or best evidence
 * first: every chain that rests on no unestablished claim (an unjudged, denied or disputed one)
 * before any that does, each by score (shorter breaks ties). A chain through a claim nobody has
 * established is not evidence that the link holds, however well the links around it are graded.
 */
export function rankPaths(paths: Path[], order: PathOrder): Path[] {
  const byLength = (a: Path, b: Path) => a.length - b.length;
  const byClaims = (a: Path, b: Path) => Number(a.unestablished) - Number(b.unestablished);
  const byScore = (a: Path, b: Path) => b.score - a.score;
  const byText = (a: Path, b: Path) => a.explanation.localeCompare(b.explanation);
  return [...paths].sort((a, b) =>
    order === PathOrder.LENGTH
      ? byLength(a, b) || byClaims(a, b) || byScore(a, b) || byText(a, b)
      : byClaims(a, b) || byScore(a, b) || byLength(a, b) || byText(a, b),
  );
}

/**
 * The union of some paths as one subgraph, capped at `nodeLimit` nodes (always keeping `anchors`);
 * `truncated` when paths were left out here or before (`truncated` given).
 */
export function mergePaths(raws: RawPath[], anchors: AnyEntity[], nodeLimit: number, truncated = false): Subgraph {
  const nodes = new Map(anchors.map((node) => [node.id, node]));
  const edges = new Map<string, ReturnType<typeof toSubgraphEdge>>();
  for (const raw of raws) {
    const newNodes = raw.nodes.filter((node) => !nodes.has(node.id));
    if (nodes.size + newNodes.length > nodeLimit) {
      truncated = true;
      continue;
    }
    for (const node of newNodes) nodes.set(node.id, node);
    for (const edge of raw.edges) edges.set(String(edge.props.id), toSubgraphEdge(edge));
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
