import type { Tx } from '../db';
import { ENTITY_LABEL, LABEL_OF_KIND } from '../model/vocabulary';

/**
 * Retraction marks an entity or relationship (with a reason, a time and who) instead of deleting
 * it: it stays in the graph and its history, and reads hide it unless asked. One statement each,
 * with its (:Change) record, in the transaction that locked the target and found it not retracted.
 */
const CHANGE = (target: string, type: string) =>
  `CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: 'retract', targetId: ${target}.id,
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

/** Marks inside the caller's transaction, after CurationRepository locked and checked the target. */
export class RetractionRepository {
  async retractEntity(tx: Tx, id: string, reason: string, who: string): Promise<string> {
    const [row] = await tx.run<{ at: string }>(RETRACT_ENTITY, {
      id,
      reason,
      who,
      kindLabels: Object.values(LABEL_OF_KIND),
    });
    return row.at;
  }

  async retractRelationship(
    tx: Tx,
    id: string,
    from: string,
    to: string,
    reason: string,
    who: string,
  ): Promise<string> {
    const [row] = await tx.run<{ at: string }>(RETRACT_RELATIONSHIP, { id, from, to, reason, who });
    return row.at;
  }
}
