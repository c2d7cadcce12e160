import { AllegationStatus } from '../model/vocabulary';
import type { RawPath } from '../traversal/path-score';
import type { Path } from '../traversal/traversal.type';
import { AlertReason } from './watch-kind';

/** One link of a best path as a watch remembers it: enough to say what changed about it. */
export interface HopSnapshot {
  id: string;
  status: string | null;
  credibility: number;
  sourceIds: string[];
}

/**
 * The last answer of a pair watch (stored as JSON on the watch): the best path as `shortestPath`
 * gives it at the owner's clearance, with its sentences, and the ids an alert rule needs.
 */
export interface PathSnapshot {
  found: boolean;
  length: number | null;
  score: number | null;
  explanation: string | null;
  hops: HopSnapshot[];
  /** Entities, links and sources of the path: a change to any of them re-evaluates the pair. */
  ids: string[];
}

export const NO_PATH: PathSnapshot = { found: false, length: null, score: null, explanation: null, hops: [], ids: [] };

/** The snapshot of a graded path and the raw path it was graded from (same nodes and links). */
export function snapshotOf(path: Path | null, raw: RawPath | null): PathSnapshot {
  if (!path || !raw) return NO_PATH;
  const hops = raw.edges.map((edge, i) => ({
    id: String(edge.props.id),
    status: path.steps[i]?.status ?? null,
    credibility: path.hops[i]?.credibility ?? Number(edge.props.credibility),
    sourceIds: [...((edge.props.sourceIds as string[] | undefined) ?? [])].sort(),
  }));
  const ids = new Set<string>([...raw.nodes.map((node) => node.id), ...hops.map((hop) => hop.id)]);
  for (const hop of hops) for (const id of hop.sourceIds) ids.add(id);
  return {
    found: true,
    length: path.length,
    score: Math.round(path.score * 10_000) / 10_000,
    explanation: path.explanation,
    hops,
    ids: [...ids].sort(),
  };
}

const route = (snapshot: PathSnapshot) => snapshot.hops.map((hop) => hop.id).join('|');

const DENIED = new Set<string>([AllegationStatus.DENIED, AllegationStatus.DISPUTED, AllegationStatus.REFUTED]);

/** What the claims of the links both answers share became: corroborated, denied, retracted. */
function claimReasons(before: PathSnapshot, after: PathSnapshot): AlertReason[] {
  const reasons: AlertReason[] = [];
  const old = new Map(before.hops.map((hop) => [hop.id, hop]));
  for (const hop of after.hops) {
    const was = old.get(hop.id);
    if (!was || was.status === hop.status || hop.status === null) continue;
    if (hop.status === AllegationStatus.CORROBORATED) reasons.push(AlertReason.CLAIM_CORROBORATED);
    else if (DENIED.has(hop.status)) reasons.push(AlertReason.CLAIM_DENIED);
    else if (hop.status === AllegationStatus.RETRACTED) reasons.push(AlertReason.RETRACTED);
  }
  return reasons;
}

/** The shape of the path: found or lost, shorter or longer, another route. */
function shapeReasons(before: PathSnapshot, after: PathSnapshot): AlertReason[] {
  if (!before.found && after.found) return [AlertReason.PATH_FOUND];
  if (before.found && !after.found) return [AlertReason.PATH_LOST];
  if (!after.found) return [];
  if (after.length! < before.length!) return [AlertReason.SHORTER];
  if (after.length! > before.length!) return [AlertReason.LONGER];
  return route(before) === route(after) ? [] : [AlertReason.ROUTE_CHANGED];
}

/** Whether a link both answers share now cites other sources or carries another grade. */
function evidenceDiffers(before: PathSnapshot, after: PathSnapshot): boolean {
  const old = new Map(before.hops.map((hop) => [hop.id, hop]));
  return after.hops.some((hop) => {
    const was = old.get(hop.id);
    return (
      was !== undefined && (was.sourceIds.join('|') !== hop.sourceIds.join('|') || was.credibility !== hop.credibility)
    );
  });
}

/**
 * Why the answer changed, or [] when it did not (the same path, score and sentences).
 * `retractedIds`: what the commits retracted; a retraction of something the old path rested on
 * is said as such, whatever the new answer is. A change that alters only the sentences (a
 * source's title, a name) is EVIDENCE_CHANGED: the explanation an investigator reads differs.
 */
export function alertReasons(
  before: PathSnapshot,
  after: PathSnapshot,
  retractedIds: ReadonlySet<string>,
): AlertReason[] {
  const reasons = shapeReasons(before, after);
  if (before.found && after.found) {
    if (after.score! > before.score!) reasons.push(AlertReason.SCORE_UP);
    if (after.score! < before.score!) reasons.push(AlertReason.SCORE_DOWN);
    reasons.push(...claimReasons(before, after));
    if (evidenceDiffers(before, after)) reasons.push(AlertReason.EVIDENCE_CHANGED);
  }
  if (before.ids.some((id) => retractedIds.has(id))) reasons.push(AlertReason.RETRACTED);
  if (reasons.length === 0 && before.explanation !== after.explanation) reasons.push(AlertReason.EVIDENCE_CHANGED);
  return [...new Set(reasons)];
}
