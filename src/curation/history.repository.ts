import { int, type Database } from '../db';
import type { Change } from './curation.type';

export const HISTORY = `
MATCH (c:Change {targetId: $id})
WITH c ORDER BY c.at DESC LIMIT $first
RETURN toString(c.at) AS at, c.who AS who, c.operation AS operation, c.change AS change,
       c.targetType AS targetType, c.changedFields AS changedFields, c.record AS record`;

/** The change log that every write leaves (see bundle.repository.ts, RECORD_CHANGE). */
export class HistoryRepository {
  constructor(private readonly db: Database) {}

  history(id: string, first: number): Promise<Change[]> {
    return this.db.read<Change>('history.of', HISTORY, { id, first: int(first) }) as Promise<Change[]>;
  }
}
