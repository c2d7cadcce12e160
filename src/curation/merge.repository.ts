import type { Tx } from '../db';
import { ENTITY_LABEL, RelationshipType } from '../model/vocabulary';

/**
 * Entity resolution: duplicates merged into one target, in one write transaction. The target
 * gains the duplicates' names as aliases and their sources; every relationship of a duplicate is
 * moved to the target (one statement per type from the closed vocabulary; a link the target
 * already has keeps its evidence and gains the duplicate's sources; links between the duplicate
 * and the target itself are dropped); the duplicates stay, retracted with `mergedInto`, so old
 * ids still resolve and the history shows the merge.
 */

const DEDUPE = (list: string, exclude = 'NULL') =>
  `reduce(acc = [], item IN ${list} | CASE WHEN item IN acc OR item = ${exclude} THEN acc ELSE acc + item END)`;

export const COMBINE_PROPERTIES = `
MATCH (t:${ENTITY_LABEL} {id: $targetId})
UNWIND $duplicateIds AS dupId
MATCH (d:${ENTITY_LABEL} {id: dupId})
WITH t, collect(d) AS dups
SET t.aliases = ${DEDUPE('coalesce(t.aliases, []) + [d IN dups | d.name] + reduce(all = [], d IN dups | all + coalesce(d.aliases, []))', 't.name')},
    t.sourceIds = ${DEDUPE('coalesce(t.sourceIds, []) + reduce(all = [], d IN dups | all + coalesce(d.sourceIds, []))')},
    t.contentHash = NULL,
    t.updatedAt = datetime()
RETURN t.aliases AS aliases`;

const MERGE_LINK = (type: RelationshipType, from: string, to: string) => `
  WITH t, r, ${from} AS a, ${to} AS b
  WITH t, r, a, b, '${type}:' + a.id + '->' + b.id + coalesce('#' + r.role, '') AS newId
  MERGE (a)-[n:${type} {id: newId}]->(b)
  ON CREATE SET n += properties(r), n.id = newId
  ON MATCH SET n.sourceIds = ${DEDUPE('n.sourceIds + r.sourceIds')}
  DELETE r
  RETURN count(*) AS moved`;

export function moveRelationshipsStatement(type: RelationshipType): string {
  return `
MATCH (t:${ENTITY_LABEL} {id: $targetId})
UNWIND $duplicateIds AS dupId
MATCH (d:${ENTITY_LABEL} {id: dupId})
CALL (t, d) {
  MATCH (d)-[r:${type}]->(x:${ENTITY_LABEL}) WHERE x <> t${MERGE_LINK(type, 't', 'x')}
}
WITH t, d, moved AS outgoing
CALL (t, d) {
  MATCH (x:${ENTITY_LABEL})-[r:${type}]->(d) WHERE x <> t${MERGE_LINK(type, 'x', 't')}
}
WITH t, d, outgoing + moved AS moved
CALL (t, d) {
  MATCH (d)-[r:${type}]-(t) DELETE r RETURN count(*) AS dropped
}
RETURN sum(moved) AS moved`;
}

export const RETIRE_DUPLICATES = `
MATCH (t:${ENTITY_LABEL} {id: $targetId})
UNWIND $duplicateIds AS dupId
MATCH (d:${ENTITY_LABEL} {id: dupId})
SET d.retracted = true, d.retractedReason = 'merged into ' + t.id, d.retractedAt = toString(datetime()),
    d.retractedBy = $who, d.mergedInto = t.id
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: 'mergeEntities', targetId: d.id,
                 targetType: $label, change: 'MERGED_INTO', changedFields: ['mergedInto'], record: t.id})
WITH t, collect(d.id) AS merged
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: 'mergeEntities', targetId: t.id,
                 targetType: $label, change: 'MERGED', changedFields: ['aliases', 'sourceIds'], record: $record})
RETURN merged`;

/** Runs inside the caller's transaction, after CurationRepository locked and checked every entity. */
export class MergeRepository {
  async merge(tx: Tx, targetId: string, duplicateIds: string[], label: string, who: string): Promise<number> {
    const params = {
      targetId,
      duplicateIds,
      who,
      label,
      record: JSON.stringify({ merged: duplicateIds, into: targetId }),
    };
    await tx.run(COMBINE_PROPERTIES, params);
    let moved = 0;
    for (const type of Object.values(RelationshipType)) {
      const [row] = await tx.run<{ moved: number }>(moveRelationshipsStatement(type), params);
      moved += row?.moved ?? 0;
    }
    await tx.run(RETIRE_DUPLICATES, params);
    return moved;
  }
}
