import { int, VISIBLE_BY_SOURCE_LOOKUP, type Database, type Tx } from '../db';
import { ENTITY_LABEL, type Tlp } from '../model/vocabulary';
import { INVESTIGATION_LIMITS } from './investigation-limits';

/**
 * Saved investigations in the graph (migration 0017). An (:Investigation) holds the newest
 * contents, each save also an (:InvestigationVersion) hung off it by HAS_VERSION: its history. The
 * contents (entities with their places, flags and notes, link notes, filters) are one JSON text,
 * `content`, written and read whole by the service; beside it `entityIds` and `linkRefs`
 * ("TYPE|from|to") let Cypher tell which of them the caller may see, in the same statement that
 * reads them. Neither label is an :Entity: search, traversal, export and the change feed never
 * meet them.
 */

/** What one save writes: the investigation's fields and its contents. */
export interface InvestigationRecord {
  id: string;
  name: string;
  description: string | null;
  tlp: Tlp;
  entityIds: string[];
  linkRefs: string[];
  content: string;
}

/** A stored investigation as read: its fields, the contents asked for, and what of them the caller may see. */
export interface InvestigationRow {
  investigation: {
    id: string;
    name: string;
    description: string | null;
    tlp: Tlp;
    author: string;
    createdAt: string;
    updatedAt: string;
    updatedBy: string;
    version: number;
  };
  contentVersion: number;
  content: string;
  visibleIds: string[];
  visibleLinks: string[];
  history: Array<{ version: number; author: string; savedAt: string; summary: string }>;
}

/** The investigation as of a lock: what a save or a delete checks before it writes. */
export interface LockedInvestigation {
  version: number;
  author: string;
  tlp: Tlp;
  content: string;
}

/**
 * The caller's part of `c` (the contents read): ids of visible entities, refs of links that exist
 * and are visible between them, and the newest versions of the history.
 */
const VISIBLE_PARTS = (c: string) => `
  [entityId IN ${c}.entityIds WHERE EXISTS { MATCH (e:${ENTITY_LABEL} {id: entityId}) WHERE ${VISIBLE_BY_SOURCE_LOOKUP('e')} }] AS visibleIds,
  [ref IN ${c}.linkRefs WHERE EXISTS {
    MATCH (a:${ENTITY_LABEL} {id: split(ref, '|')[1]})-[r]->(b:${ENTITY_LABEL} {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ${VISIBLE_BY_SOURCE_LOOKUP('r')}
  }] AS visibleLinks,
  COLLECT {
    MATCH (i)-[:HAS_VERSION]->(h:InvestigationVersion)
    RETURN h {.version, .author, .savedAt, .summary} ORDER BY h.version DESC LIMIT ${INVESTIGATION_LIMITS.versions}
  } AS history`;

const FIELDS =
  'i {.id, .name, .description, .tlp, .author, .createdAt, .updatedAt, .updatedBy, .version} AS investigation';

/** One investigation (or one of its versions) the caller is cleared for: by the investigation's TLP and the version's. */
export const READ_INVESTIGATION = `
MATCH (i:Investigation {id: $id}) WHERE i.tlp IN $visibleTlp
OPTIONAL MATCH (i)-[:HAS_VERSION]->(old:InvestigationVersion {version: $version}) WHERE old.tlp IN $visibleTlp
WITH i, CASE WHEN $version IS NULL THEN i ELSE old END AS c
WHERE c IS NOT NULL
RETURN ${FIELDS}, c.version AS contentVersion, c.content AS content,${VISIBLE_PARTS('c')}`;

/** A page of the investigations the caller is cleared for, newest first, after ($at, $afterId). */
export const LIST_INVESTIGATIONS = `
MATCH (i:Investigation) WHERE i.tlp IN $visibleTlp AND (i.updatedAt < $at OR (i.updatedAt = $at AND i.id > $afterId))
WITH i ORDER BY i.updatedAt DESC, i.id LIMIT $limit
RETURN ${FIELDS}, i.version AS contentVersion, i.content AS content,${VISIBLE_PARTS('i')}`;

/** Takes the investigation's write lock, then reads it as of the lock (a second saver waits here). */
export const LOCK_INVESTIGATION = `
MATCH (i:Investigation {id: $id})
SET i.writeLock = true
REMOVE i.writeLock
RETURN i.version AS version, i.author AS author, i.tlp AS tlp, i.content AS content`;

/** Which of these ids name no entity, or one hidden from the writer; which link refs no visible relationship. */
export const MISSING_PARTS = `
RETURN [entityId IN $entityIds WHERE NOT EXISTS { MATCH (e:${ENTITY_LABEL} {id: entityId}) WHERE ${VISIBLE_BY_SOURCE_LOOKUP('e')} }] AS missingIds,
  [ref IN $linkRefs WHERE NOT EXISTS {
    MATCH (a:${ENTITY_LABEL} {id: split(ref, '|')[1]})-[r]->(b:${ENTITY_LABEL} {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ${VISIBLE_BY_SOURCE_LOOKUP('r')}
  }] AS missingLinks`;

const CONTENTS =
  'name: $name, description: $description, tlp: $tlp, entityIds: $entityIds, linkRefs: $linkRefs, content: $content';

/** A new investigation, version 1, and its first version. */
export const CREATE_INVESTIGATION = `
CREATE (i:Investigation {id: $id, author: $who, createdAt: $now, updatedAt: $now, updatedBy: $who, version: 1})
SET i += {${CONTENTS}}
CREATE (i)-[:HAS_VERSION]->(:InvestigationVersion {investigationId: $id, version: 1, author: $who, savedAt: $now, summary: $summary, ${CONTENTS}})`;

/** The next version over a locked one, and the versions past the cap dropped. */
export const UPDATE_INVESTIGATION = `
MATCH (i:Investigation {id: $id})
SET i += {${CONTENTS}, updatedAt: $now, updatedBy: $who, version: $version}
CREATE (i)-[:HAS_VERSION]->(:InvestigationVersion {investigationId: $id, version: $version, author: $who, savedAt: $now, summary: $summary, ${CONTENTS}})
WITH i
CALL (i) {
  MATCH (i)-[:HAS_VERSION]->(old:InvestigationVersion) WHERE old.version <= $version - $keep
  DETACH DELETE old
}`;

export const DELETE_INVESTIGATION = `
MATCH (i:Investigation {id: $id})
OPTIONAL MATCH (i)-[:HAS_VERSION]->(v:InvestigationVersion)
DETACH DELETE v, i`;

/** ISO timestamps compare as text; every one sorts before this. */
const AFTER_NEWEST = '9999';

export class InvestigationRepository {
  constructor(private readonly db: Database) {}

  async read(id: string, version: number | null, visibleTlp: Tlp[]): Promise<InvestigationRow | undefined> {
    const [row] = await this.db.read<InvestigationRow>('investigation', READ_INVESTIGATION, {
      id,
      version: version === null ? null : int(version),
      visibleTlp,
    });
    return row;
  }

  list(after: { at: string; id: string } | null, limit: number, visibleTlp: Tlp[]): Promise<InvestigationRow[]> {
    return this.db.read<InvestigationRow>('investigations', LIST_INVESTIGATIONS, {
      at: after?.at ?? AFTER_NEWEST,
      afterId: after?.id ?? '',
      limit: int(limit),
      visibleTlp,
    });
  }

  async lock(tx: Tx, id: string): Promise<LockedInvestigation | undefined> {
    const [row] = await tx.run<LockedInvestigation>(LOCK_INVESTIGATION, { id });
    return row;
  }

  async missing(
    tx: Tx,
    entityIds: string[],
    linkRefs: string[],
    visibleTlp: Tlp[],
  ): Promise<{ missingIds: string[]; missingLinks: string[] }> {
    const [row] = await tx.run<{ missingIds: string[]; missingLinks: string[] }>(MISSING_PARTS, {
      entityIds,
      linkRefs,
      visibleTlp,
    });
    return row ?? { missingIds: [], missingLinks: [] };
  }

  async create(tx: Tx, record: InvestigationRecord, who: string, now: string, summary: string): Promise<void> {
    await tx.run(CREATE_INVESTIGATION, { ...record, who, now, summary });
  }

  async update(
    tx: Tx,
    record: InvestigationRecord,
    version: number,
    who: string,
    now: string,
    summary: string,
  ): Promise<void> {
    await tx.run(UPDATE_INVESTIGATION, {
      ...record,
      version: int(version),
      keep: int(INVESTIGATION_LIMITS.versions),
      who,
      now,
      summary,
    });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.run(DELETE_INVESTIGATION, { id });
  }
}
