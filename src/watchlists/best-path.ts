import { Visibility, type Database } from '../db';
import { EntityRepository } from '../entities/entity.repository';
import type { Tlp } from '../model/vocabulary';
import { Source } from '../sources/source.type';
import { PathArgs, PathOrder } from '../traversal/traversal.args';
import { TraversalRepository } from '../traversal/traversal.repository';
import { gradePaths, rankPaths } from '../traversal/traversal.service';
import { snapshotOf, type PathSnapshot } from './path-snapshot';

export interface PairQuestion {
  fromId: string;
  toId: string;
  maxHops: number;
  minCredibility: number | null;
}

/**
 * The answer `shortestPath` gives for the pair at `clearance` (the same statements, grading and
 * ranking: TraversalResolver.shortestPath), as a snapshot to compare with the next one.
 */
export async function bestPath(db: Database, question: PairQuestion, clearance: Tlp): Promise<PathSnapshot> {
  const visibility = new Visibility(db, clearance);
  const traversal = new TraversalRepository(db, visibility);
  const entities = new EntityRepository(db, visibility);
  const args = Object.assign(new PathArgs(), {
    fromId: question.fromId,
    toId: question.toId,
    maxHops: question.maxHops,
    minCredibility: question.minCredibility,
    includeAllegations: true,
  });
  const candidates = await traversal.paths(args);
  // The search read the entities its candidates cite; only what it did not read is looked up.
  const sourcesOf = async (ids: string[]) => {
    const unread = ids.filter((id) => !candidates.cited.has(id));
    const read = unread.length === 0 ? [] : await entities.byIds(unread);
    return [...ids.map((id) => candidates.cited.get(id)), ...read].filter(
      (entity): entity is Source => entity instanceof Source,
    );
  };
  const graded = await gradePaths(candidates.paths, sourcesOf, candidates.truncated);
  const best = rankPaths(graded, PathOrder.SCORE)[0] ?? null;
  return snapshotOf(best, best ? candidates.paths[graded.indexOf(best)] : null);
}
