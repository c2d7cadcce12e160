import { int, type Tx } from '../../db';

/**
 * The Cypher of the ACLED import, run inside its one write transaction (see acled.service.ts):
 * one batched name lookup per chunk of rows, and the ACLED coding the bundle format has no field
 * for, set on the events and places the bundle writer has just written.
 */

/** How many index hits each name may bring back; exact-name hits score highest and come first. */
export const CANDIDATES_PER_NAME = 50;

/**
 * Actors and places whose name or an alias contains each looked-up phrase (the entity_names
 * full-text index folds case and accents); the caller keeps exact matches of the key. A country
 * or state hit brings the FORCE actors of its ISO code, for "Military Forces of <Country>", and
 * a place its parents, to place an admin1 region in its country.
 */
export const ACLED_NAME_LOOKUP = `UNWIND $lookups AS lookup
CALL db.index.fulltext.queryNodes('entity_names', lookup.query, {limit: $candidates}) YIELD node
WHERE node.retracted IS NULL AND (node:Actor OR node:Location)
WITH lookup, node, coalesce(node.isoCode, node.country) AS country, (node:Country OR node:State) AS isCountry
RETURN lookup.key AS key, node.id AS id, node.name AS name, node.aliases AS aliases,
       CASE WHEN node:Actor THEN 'ACTOR' ELSE 'LOCATION' END AS entityKind, node.kind AS kind, country,
       [(node)-[:PART_OF]->(parent:Location) | parent.id] AS parents,
       CASE WHEN isCountry
         THEN COLLECT { MATCH (force:Actor:Force {country: country}) WHERE force.retracted IS NULL RETURN force.id }
         ELSE [] END AS forces`;

/**
 * ACLED's own coding, kept beside what the bundle wrote: the event id as an external identifier
 * (the graph id is derived from it), ACLED's event type and sub-type and the date precision code;
 * on the OCCURRED_IN edge, how precisely the place is known (geo_precision).
 */
export const ACLED_CODING = `UNWIND $rows AS row
MATCH (event:Entity {id: row.id})
SET event.acledEventId = row.acledEventId, event.externalIds = row.externalIds,
    event.acledEventType = row.eventType, event.acledSubEventType = row.subEventType,
    event.acledTimePrecision = row.timePrecision
WITH event, row
MATCH (event)-[occurred:OCCURRED_IN]->(place:Entity {id: row.placeId})
SET occurred.geoPrecision = row.geoPrecision`;

export interface NameLookup {
  key: string;
  query: string;
}

export interface NameHit {
  key: string;
  id: string;
  name: string;
  aliases: string[] | null;
  entityKind: 'ACTOR' | 'LOCATION';
  kind: string;
  country: string | null;
  parents: string[];
  forces: string[];
}

export interface AcledCodingRow {
  id: string;
  acledEventId: string;
  externalIds: string[];
  eventType: string;
  subEventType: string;
  timePrecision: number;
  placeId: string;
  geoPrecision: number;
}

const CODING_BATCH = 5_000;

export class AcledRepository {
  lookUpNames(tx: Tx, lookups: NameLookup[]): Promise<NameHit[]> {
    if (lookups.length === 0) return Promise.resolve([]);
    return tx.run<NameHit>(ACLED_NAME_LOOKUP, { lookups, candidates: int(CANDIDATES_PER_NAME) });
  }

  async writeCoding(tx: Tx, rows: AcledCodingRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += CODING_BATCH) {
      const batch = rows
        .slice(start, start + CODING_BATCH)
        .map((row) => ({ ...row, timePrecision: int(row.timePrecision), geoPrecision: int(row.geoPrecision) }));
      await tx.run(ACLED_CODING, { rows: batch });
    }
  }
}
