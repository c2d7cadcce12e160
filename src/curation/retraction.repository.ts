import type { Database } from '../db';
import { ENTITY_LABEL, LABEL_OF_KIND } from '../model/vocabulary';

/**
 * Retraction marks an entity or relationship (with a reason, a time and who) instead of deleting
 * it: it stays in the graph and its history, and reads hide it unless asked. One statement each,
 * with its (:Change) record.
 */
const CHANGE = (target: string, type: string) =>
  `CREATE (:Change {id: randomUUID(), at: datetime(), who: $who, operation: 'retract', targetId: ${target}.id,
                   targetType: ${type}, change: 'RETRACTED', changedFields: ['retracted', 'retractedReason'], record: $reason})`;

const MARK = (target: string) =>
  `SET ${target}.retracted = true, ${target}.retractedReason = $reason, ${target}.retractedAt = toString(datetime()), ${target}.retractedBy = $who`;

export const RETRACT_ENTITY = `
MATCH (n:${ENTITY_LABEL} {id: $id})
${MARK('n')}
${CHANGE('n', '[label IN labels(n) WHERE label IN $kindLabels][0]')}
RETURN n.retractedAt AS at`;

export const RETRACT_RELATIONSHIP = `
MATCH (:${ENTITY_LABEL} {id: $from})-[r]->(:${ENTITY_LABEL} {id: $to})
WHERE r.id = $id
${MARK('r')}
${CHANGE('r', 'type(r)')}
RETURN r.retractedAt AS at`;

export class RetractionRepository {
  constructor(private readonly db: Database) {}

  async retractEntity(id: string, reason: string, who: string): Promise<string | null> {
    const rows = await this.db.write<{ at: string }>('curation.retractEntity', RETRACT_ENTITY, {
      id,
      reason,
      who,
      kindLabels: Object.values(LABEL_OF_KIND),
    });
    return rows[0]?.at ?? null;
  }

  async retractRelationship(id: string, from: string, to: string, reason: string, who: string): Promise<string | null> {
    const rows = await this.db.write<{ at: string }>('curation.retractRelationship', RETRACT_RELATIONSHIP, { id, from, to, reason, who });
    return rows[0]?.at ?? null;
  }
}
