import type { GraphQLSchema } from 'graphql';
import { CLAIM_CONTENT } from '../../src/documents/document.repository';
import { BundleRepository } from '../../src/bundle/load';
import { buildGraphSchema } from '../../src/graphql/schema';
import { recordingDatabase, statementsOf, type Recorded } from '../support/recording-database';

/**
 * The Cypher of documents (issue 22): the ingest's one transaction (claim the content hash, lock
 * and check the id, write the Source through the bundle loader, then the text), the reads by id
 * and of text slices, search and mentions. User text (the document, the query, the names) is
 * only ever among the parameters. The claim token and the time of the ingest are pinned as
 * placeholders (they change on every run).
 */

const DOCUMENT_ROW = (id: string) => ({
  source: { id, name: 'Field notes', kind: 'REPORT', reliability: 'F', undated: true },
  text: { length: 26, contentHash: 'c0ffee', format: 'TEXT', ingestedAt: '2026-01-01T00:00:00.000Z' },
});

const answer = ({ operation, cypher, params }: Recorded) => {
  if (cypher === CLAIM_CONTENT.trim()) return [{ created: true, sourceId: null }];
  if (operation === 'documents.byIds') return (params.ids as string[]).map(DOCUMENT_ROW);
  return undefined;
};

/** The run-dependent parameters as placeholders. */
const pinned = (recorded: Recorded[]) =>
  recorded.map((statement) => ({
    ...statement,
    params: Object.fromEntries(
      Object.entries(statement.params).map(([key, value]) => [
        key,
        key === 'claim' ? '<uuid>' : key === 'ingestedAt' ? '<now>' : value,
      ]),
    ),
  }));

describe('documents: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('ingestDocument: claim the hash, lock and check the id, write the Source, then the text; reload', async () => {
    const sent = await statementsOf(
      schema,
      'mutation { ingestDocument(input: { text: "Field notes: JNIM, Kayes.", title: "Field notes", undated: true }) { id length text(start: 0, end: 11) } }',
      { answer },
    );
    expect(pinned(sent)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MERGE (t:DocumentText {contentHash: $contentHash})
ON CREATE SET t.claim = $claim
RETURN coalesce(t.claim = $claim, false) AS created, t.sourceId AS sourceId",
    "operation": "documents.ingest",
    "params": {
      "claim": "<uuid>",
      "contentHash": "fcbb7f59667691462c2464b6c371fe4358d6c6f87191aef224696b3ceb5ecf55",
    },
  },
  {
    "cypher": "UNWIND $ids AS id
MERGE (n:Entity {id: id})
ON CREATE SET n.placeholder = true
SET n.writeLock = true
REMOVE n.writeLock",
    "operation": "documents.ingest",
    "params": {
      "ids": [
        "field-notes-fcbb7f59",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, [label IN labels(n) WHERE label IN $kindLabels][0] AS label
WHERE label IS NOT NULL
RETURN n.id AS id, label",
    "operation": "documents.ingest",
    "params": {
      "ids": [
        "field-notes-fcbb7f59",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS id
MERGE (n:Entity {id: id})
ON CREATE SET n.placeholder = true
SET n.writeLock = true
REMOVE n.writeLock",
    "operation": "documents.ingest",
    "params": {
      "ids": [
        "field-notes-fcbb7f59",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, [label IN labels(n) WHERE label IN $kindLabels][0] AS label
WHERE label IS NOT NULL
RETURN n.id AS id, label",
    "operation": "documents.ingest",
    "params": {
      "ids": [
        "field-notes-fcbb7f59",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
  },
  {
    "cypher": "UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN (old IS NULL OR old.placeholder IS NOT NULL) THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND ((old IS NULL OR old.placeholder IS NOT NULL) OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (n:Entity {id: row.id})
SET n += row.props, n:Source, n.createdAt = coalesce(n.createdAt, datetime())
REMOVE n.placeholder
SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END
SET n.heldBy = CASE WHEN outcome = 'unchanged' THEN CASE WHEN 'curated' IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + 'curated' ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + 'curated' END ELSE ['curated'] END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'Source', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count",
    "operation": "documents.ingest",
    "params": {
      "operation": "ingestDocument",
      "rows": [
        {
          "id": "field-notes-fcbb7f59",
          "props": {
            "author": null,
            "contentHash": "abc56e32edcbcd75b6807963",
            "description": null,
            "kind": "REPORT",
            "name": "Field notes",
            "published": null,
            "publishedDate": null,
            "publishedPrecision": null,
            "publisher": null,
            "reliability": "F",
            "tlp": null,
            "url": null,
          },
          "record": "{"id":"field-notes-fcbb7f59","title":"Field notes","kind":"REPORT","reliability":"F"}",
        },
      ],
      "who": "cypher-snapshot",
    },
  },
  {
    "cypher": "MATCH (s:Source {id: $id})
SET s.language = $language, s.undated = $undated, s.documentHash = $contentHash
WITH s
MATCH (t:DocumentText {contentHash: $contentHash})
SET t.sourceId = s.id, t.text = $text, t.length = $length, t.format = $format, t.ingestedAt = $ingestedAt
REMOVE t.claim
RETURN t.sourceId AS id",
    "operation": "documents.ingest",
    "params": {
      "contentHash": "fcbb7f59667691462c2464b6c371fe4358d6c6f87191aef224696b3ceb5ecf55",
      "format": "TEXT",
      "id": "field-notes-fcbb7f59",
      "ingestedAt": "<now>",
      "language": null,
      "length": 25,
      "text": "Field notes: JNIM, Kayes.",
      "undated": true,
    },
  },
  {
    "cypher": "UNWIND $chunks AS chunk
CREATE (c:DocumentChunk {sourceId: $id, start: chunk.start, own: chunk.own, text: chunk.text, before: chunk.before,
                         folded: chunk.folded})
RETURN count(c) AS chunks",
    "operation": "documents.ingest",
    "params": {
      "chunks": [
        {
          "before": "",
          "folded": " field notes  jnim  kayes  ",
          "own": 25,
          "start": 0,
          "text": "Field notes: JNIM, Kayes.",
        },
      ],
      "id": "field-notes-fcbb7f59",
    },
  },
  {
    "cypher": "UNWIND $ids AS id
MATCH (s:Source {id: id}) WHERE ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
MATCH (t:DocumentText {sourceId: id})
RETURN s {.id, .name, .kind, .publisher, .author, .url, .published, .undated, .language, .reliability, .tlp} AS source,
       t {.length, .contentHash, .format, .ingestedAt} AS text",
    "operation": "documents.byIds",
    "params": {
      "hiddenSourceIds": [],
      "ids": [
        "field-notes-fcbb7f59",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
  {
    "cypher": "UNWIND $slices AS slice
MATCH (s:Source {id: slice.id}) WHERE ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
MATCH (t:DocumentText {sourceId: slice.id})
RETURN slice.key AS key, substring(t.text, slice.start, slice.length) AS text",
    "operation": "documents.text",
    "params": {
      "hiddenSourceIds": [],
      "slices": [
        {
          "id": "field-notes-fcbb7f59",
          "key": "field-notes-fcbb7f59:0:11",
          "length": 11,
          "start": 0,
        },
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });

  it('searchDocuments: the index, then the first exact place of a query word in each hit', async () => {
    const sent = await statementsOf(
      schema,
      '{ searchDocuments(query: "Ségou blockade", first: 5) { hits { snippet } endCursor } }',
      {
        answer,
      },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL db.index.fulltext.queryNodes('document_chunks', $lucene) YIELD node AS c, score
WITH c, score LIMIT $chunks
MATCH (s:Source {id: c.sourceId}) WHERE ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH s, max(score) AS score, collect(c)[0] AS c
ORDER BY score DESC, s.id SKIP $skip LIMIT $limit
MATCH (t:DocumentText {sourceId: s.id})
WITH s, t, c, score, [p IN [needle IN $needles | size(split(c.folded, needle)[0])] WHERE p < size(c.folded)] AS found
WITH s, t, c, score, CASE WHEN size(found) = 0 THEN -1 ELSE found[0] END AS at
WITH s, t, c, score, at, CASE WHEN at > $context THEN at - $context ELSE 0 END AS from
RETURN s {.id, .name, .kind, .publisher, .author, .url, .published, .undated, .language, .reliability, .tlp} AS source,
       t {.length, .contentHash, .format, .ingestedAt} AS text, score, CASE WHEN at < 0 THEN -1 ELSE c.start + at END AS hit,
       c.start + from AS windowStart, substring(c.text, from, 2 * $context) AS window",
    "operation": "documents.search",
    "params": {
      "chunks": 2000,
      "context": 400,
      "hiddenSourceIds": [],
      "limit": 6,
      "lucene": "+(segou^3 OR segou*) +(blockade^3 OR blockade* OR blockade~1) "segou blockade"^6",
      "needles": [
        " segou",
        " blockade",
      ],
      "skip": 0,
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });

  it('mentions: the entity by id, then its folded names as Lucene phrases and needles', async () => {
    const sent = await statementsOf(schema, '{ mentions(entityId: "kayes", first: 5) { start end sentence } }', {
      answer,
    });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId}) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels",
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "kayes",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
  {
    "cypher": "CALL db.index.fulltext.queryNodes('document_chunks', $lucene) YIELD node AS c, score
WITH c, score LIMIT $chunks
MATCH (s:Source {id: c.sourceId}) WHERE ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
UNWIND $needles AS needle
WITH s, c, score, needle, split(c.folded, needle) AS parts
UNWIND range(0, CASE WHEN size(parts) - 2 < $perName - 1 THEN size(parts) - 2 ELSE $perName - 1 END) AS i
WITH s, c, score, reduce(at = 0, part IN parts[0..i + 1] | at + size(part)) + i * size(needle) AS at, size(needle) - 2 AS length
WHERE at < c.own
WITH s, c, score, c.start + at AS start, c.start + at + length AS end
ORDER BY score DESC, s.id, start
LIMIT $limit
MATCH (t:DocumentText {sourceId: s.id})
RETURN s {.id, .name, .kind, .publisher, .author, .url, .published, .undated, .language, .reliability, .tlp} AS source,
       t {.length, .contentHash, .format, .ingestedAt} AS text, start, end, c.start - size(c.before) AS windowStart, c.before + c.text AS window",
    "operation": "documents.mentions",
    "params": {
      "chunks": 200,
      "context": 400,
      "hiddenSourceIds": [],
      "limit": 10,
      "lucene": ""kayes"",
      "needles": [
        " kayes ",
      ],
      "perName": 5,
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });

  it("an import checking quoted excerpts: the text at each quote's offsets, in its transaction", async () => {
    const { db, recorded } = recordingDatabase();
    await db.writeTransaction('curation.importBundle', (tx) =>
      new BundleRepository().textAtOffsets(tx, [{ documentId: 'field-notes', start: 13, end: 17 }]),
    );
    expect(recorded).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $quotes AS quote
OPTIONAL MATCH (t:DocumentText {sourceId: quote.documentId})
RETURN quote.index AS index, t.length AS length,
       CASE WHEN t IS NULL OR quote.end > t.length THEN null ELSE substring(t.text, quote.start, quote.end - quote.start) END AS text",
    "operation": "curation.importBundle",
    "params": {
      "quotes": [
        {
          "documentId": "field-notes",
          "end": 17,
          "index": 0,
          "start": 13,
        },
      ],
    },
  },
]
`);
  });
});
