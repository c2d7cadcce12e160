/** A walk as pathHalvesStatement returns it: element ids from its origin outwards. */
export interface WalkIds {
  nodes: string[];
  rels: string[];
}

export interface JoinedPaths {
  paths: WalkIds[];
  /** True when some length had more paths than `perLength`. */
  capped: boolean;
}

/**
 * Joins walks from the start (`forward[i]` holds walks of i + 1 steps) with walks from the end
 * into paths of each length from `fromLength` to `maxHops`: a path of length l is a forward walk
 * of ceil(l/2) steps and a backward walk of floor(l/2) steps that end at the same entity and
 * share no other. Each path is found once (one split per length); at most `perLength` are kept
 * per length, in the order the walks came (bounded work, whatever the walks hold).
 */
export function joinHalves(
  forward: WalkIds[][],
  backward: WalkIds[][],
  fromLength: number,
  maxHops: number,
  perLength: number,
): JoinedPaths {
  const paths: WalkIds[] = [];
  let capped = false;
  for (let length = fromLength; length <= maxHops; length++) {
    const ahead = forward[Math.ceil(length / 2) - 1] ?? [];
    const behind = backward[Math.floor(length / 2) - 1] ?? [];
    const byMeeting = new Map<string, WalkIds[]>();
    for (const walk of behind) {
      const meeting = walk.nodes.at(-1)!;
      const walks = byMeeting.get(meeting);
      if (walks) walks.push(walk);
      else byMeeting.set(meeting, [walk]);
    }
    let found = 0;
    search: for (const head of ahead) {
      const seen = new Set(head.nodes);
      for (const tail of byMeeting.get(head.nodes.at(-1)!) ?? []) {
        if (tail.nodes.slice(0, -1).some((node) => seen.has(node))) continue;
        if (found === perLength) {
          capped = true;
          break search;
        }
        paths.push({
          nodes: [...head.nodes, ...tail.nodes.slice(0, -1).reverse()],
          rels: [...head.rels, ...[...tail.rels].reverse()],
        });
        found += 1;
      }
    }
  }
  return { paths, capped };
}
