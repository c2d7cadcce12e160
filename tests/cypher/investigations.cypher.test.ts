import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import {
  LIST_INVESTIGATIONS,
  LOCK_INVESTIGATION,
  MISSING_PARTS,
  READ_INVESTIGATION,
} from '../../src/investigations/investigation.repository';
import { statementsOf, type Recorded } from '../support/recording-database';

/**
 * The Cypher behind saved investigations (docs/investigations.md), pinned with its parameters:
 * the read (visible entities and links, history) in one statement, the list, and a save's
 * lock, check and writes in one transaction. The clock and a new id are masked.
 */

const CONTENT = JSON.stringify({
  entities: [{ id: 'mali', expanded: true, hidden: false, pinned: true, x: 1, y: 2, note: 'a note' }],
  links: [],
  filters: { types: [], minCredibility: null, asOf: null },
  pathFrom: null,
  pathTo: null,
  selected: null,
});

const ROW = {
  investigation: {
    id: 'inv-1',
    name: 'A view',
    description: null,
    tlp: 'GREEN',
    author: 'cypher-snapshot',
    createdAt: 'then',
    updatedAt: 'then',
    updatedBy: 'cypher-snapshot',
    version: 1,
  },
  contentVersion: 1,
  content: CONTENT,
  visibleIds: ['mali'],
  visibleLinks: [],
  history: [],
};

function answer({ cypher }: Recorded): unknown[] | undefined {
  if (cypher === READ_INVESTIGATION.trim() || cypher === LIST_INVESTIGATIONS.trim()) return [ROW];
  if (cypher === LOCK_INVESTIGATION.trim())
    return [{ version: 1, author: 'cypher-snapshot', tlp: 'GREEN', content: CONTENT }];
  if (cypher === MISSING_PARTS.trim()) return [{ missingIds: [], missingLinks: [] }];
  return undefined;
}

/** The clock and a created id vary from run to run: masked, so the snapshot pins the rest. */
function masked(sent: Recorded[]): Recorded[] {
  return sent.map((statement) => ({
    ...statement,
    params: Object.fromEntries(
      Object.entries(statement.params).map(([key, value]) => [
        key,
        key === 'now' ? '<now>' : key === 'id' && value !== 'inv-1' ? '<new id>' : value,
      ]),
    ),
  }));
}

const INPUT = {
  name: 'A view',
  entities: [{ id: 'mali', expanded: true, pinned: true, x: 1, y: 2, note: 'a note' }],
  links: [],
};
const SAVE = 'mutation($input: SaveInvestigationInput!) { saveInvestigation(input: $input) { id version } }';

describe('investigations: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('investigation', async () => {
    const sent = await statementsOf(schema, '{ investigation(id: "inv-1", version: 1) { id entities { id } } }', {
      answer,
    });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (i:Investigation {id: $id}) WHERE i.tlp IN $visibleTlp
OPTIONAL MATCH (i)-[:HAS_VERSION]->(old:InvestigationVersion {version: $version}) WHERE old.tlp IN $visibleTlp
WITH i, CASE WHEN $version IS NULL THEN i ELSE old END AS c
WHERE c IS NOT NULL
RETURN i {.id, .name, .description, .tlp, .author, .createdAt, .updatedAt, .updatedBy, .version} AS investigation, c.version AS contentVersion, c.content AS content,
  [entityId IN c.entityIds WHERE EXISTS { MATCH (e:Entity {id: entityId}) WHERE ((e.tlp IS NULL OR e.tlp IN $visibleTlp) AND (e.sourceIds IS NULL OR size(e.sourceIds) = 0 OR any(sid IN e.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp }))) }] AS visibleIds,
  [ref IN c.linkRefs WHERE EXISTS {
    MATCH (a:Entity {id: split(ref, '|')[1]})-[r]->(b:Entity {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
  }] AS visibleLinks,
  COLLECT {
    MATCH (i)-[:HAS_VERSION]->(h:InvestigationVersion)
    RETURN h {.version, .author, .savedAt, .summary} ORDER BY h.version DESC LIMIT 20
  } AS history",
    "operation": "investigation",
    "params": {
      "id": "inv-1",
      "version": 1,
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

  it('investigations', async () => {
    const sent = await statementsOf(schema, '{ investigations(first: 10) { nodes { id } } }', { answer });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (i:Investigation) WHERE i.tlp IN $visibleTlp AND (i.updatedAt < $at OR (i.updatedAt = $at AND i.id > $afterId))
WITH i ORDER BY i.updatedAt DESC, i.id LIMIT $limit
RETURN i {.id, .name, .description, .tlp, .author, .createdAt, .updatedAt, .updatedBy, .version} AS investigation, i.version AS contentVersion, i.content AS content,
  [entityId IN i.entityIds WHERE EXISTS { MATCH (e:Entity {id: entityId}) WHERE ((e.tlp IS NULL OR e.tlp IN $visibleTlp) AND (e.sourceIds IS NULL OR size(e.sourceIds) = 0 OR any(sid IN e.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp }))) }] AS visibleIds,
  [ref IN i.linkRefs WHERE EXISTS {
    MATCH (a:Entity {id: split(ref, '|')[1]})-[r]->(b:Entity {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
  }] AS visibleLinks,
  COLLECT {
    MATCH (i)-[:HAS_VERSION]->(h:InvestigationVersion)
    RETURN h {.version, .author, .savedAt, .summary} ORDER BY h.version DESC LIMIT 20
  } AS history",
    "operation": "investigations",
    "params": {
      "afterId": "",
      "at": "9999",
      "limit": 11,
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

  it('saveInvestigation (create)', async () => {
    const sent = await statementsOf(schema, SAVE, { answer, variables: { input: INPUT } });
    expect(masked(sent)).toMatchInlineSnapshot(`
[
  {
    "cypher": "RETURN [entityId IN $entityIds WHERE NOT EXISTS { MATCH (e:Entity {id: entityId}) WHERE ((e.tlp IS NULL OR e.tlp IN $visibleTlp) AND (e.sourceIds IS NULL OR size(e.sourceIds) = 0 OR any(sid IN e.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp }))) }] AS missingIds,
  [ref IN $linkRefs WHERE NOT EXISTS {
    MATCH (a:Entity {id: split(ref, '|')[1]})-[r]->(b:Entity {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
  }] AS missingLinks",
    "operation": "saveInvestigation",
    "params": {
      "entityIds": [
        "mali",
      ],
      "linkRefs": [],
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
    "cypher": "CREATE (i:Investigation {id: $id, author: $who, createdAt: $now, updatedAt: $now, updatedBy: $who, version: 1})
SET i += {name: $name, description: $description, tlp: $tlp, entityIds: $entityIds, linkRefs: $linkRefs, content: $content}
CREATE (i)-[:HAS_VERSION]->(:InvestigationVersion {investigationId: $id, version: 1, author: $who, savedAt: $now, summary: $summary, name: $name, description: $description, tlp: $tlp, entityIds: $entityIds, linkRefs: $linkRefs, content: $content})",
    "operation": "saveInvestigation",
    "params": {
      "content": "{"entities":[{"id":"mali","expanded":true,"hidden":false,"pinned":true,"x":1,"y":2,"note":"a note"}],"links":[],"filters":{"types":[],"minCredibility":null,"asOf":null},"pathFrom":null,"pathTo":null,"selected":null}",
      "description": null,
      "entityIds": [
        "mali",
      ],
      "id": "<new id>",
      "linkRefs": [],
      "name": "A view",
      "now": "<now>",
      "summary": "created with 1 entity and 1 note",
      "tlp": "GREEN",
      "who": "cypher-snapshot",
    },
  },
  {
    "cypher": "MATCH (i:Investigation {id: $id}) WHERE i.tlp IN $visibleTlp
OPTIONAL MATCH (i)-[:HAS_VERSION]->(old:InvestigationVersion {version: $version}) WHERE old.tlp IN $visibleTlp
WITH i, CASE WHEN $version IS NULL THEN i ELSE old END AS c
WHERE c IS NOT NULL
RETURN i {.id, .name, .description, .tlp, .author, .createdAt, .updatedAt, .updatedBy, .version} AS investigation, c.version AS contentVersion, c.content AS content,
  [entityId IN c.entityIds WHERE EXISTS { MATCH (e:Entity {id: entityId}) WHERE ((e.tlp IS NULL OR e.tlp IN $visibleTlp) AND (e.sourceIds IS NULL OR size(e.sourceIds) = 0 OR any(sid IN e.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp }))) }] AS visibleIds,
  [ref IN c.linkRefs WHERE EXISTS {
    MATCH (a:Entity {id: split(ref, '|')[1]})-[r]->(b:Entity {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
  }] AS visibleLinks,
  COLLECT {
    MATCH (i)-[:HAS_VERSION]->(h:InvestigationVersion)
    RETURN h {.version, .author, .savedAt, .summary} ORDER BY h.version DESC LIMIT 20
  } AS history",
    "operation": "investigation",
    "params": {
      "id": "<new id>",
      "version": null,
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

  it('saveInvestigation (update over a version)', async () => {
    const sent = await statementsOf(schema, SAVE, {
      answer,
      variables: { input: { ...INPUT, id: 'inv-1', expectedVersion: 1 } },
    });
    expect(masked(sent)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (i:Investigation {id: $id})
SET i.writeLock = true
REMOVE i.writeLock
RETURN i.version AS version, i.author AS author, i.tlp AS tlp, i.content AS content",
    "operation": "saveInvestigation",
    "params": {
      "id": "inv-1",
    },
  },
  {
    "cypher": "RETURN [entityId IN $entityIds WHERE NOT EXISTS { MATCH (e:Entity {id: entityId}) WHERE ((e.tlp IS NULL OR e.tlp IN $visibleTlp) AND (e.sourceIds IS NULL OR size(e.sourceIds) = 0 OR any(sid IN e.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp }))) }] AS missingIds,
  [ref IN $linkRefs WHERE NOT EXISTS {
    MATCH (a:Entity {id: split(ref, '|')[1]})-[r]->(b:Entity {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
  }] AS missingLinks",
    "operation": "saveInvestigation",
    "params": {
      "entityIds": [
        "mali",
      ],
      "linkRefs": [],
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
    "cypher": "MATCH (i:Investigation {id: $id})
SET i += {name: $name, description: $description, tlp: $tlp, entityIds: $entityIds, linkRefs: $linkRefs, content: $content, updatedAt: $now, updatedBy: $who, version: $version}
CREATE (i)-[:HAS_VERSION]->(:InvestigationVersion {investigationId: $id, version: $version, author: $who, savedAt: $now, summary: $summary, name: $name, description: $description, tlp: $tlp, entityIds: $entityIds, linkRefs: $linkRefs, content: $content})
WITH i
CALL (i) {
  MATCH (i)-[:HAS_VERSION]->(old:InvestigationVersion) WHERE old.version <= $version - $keep
  DETACH DELETE old
}",
    "operation": "saveInvestigation",
    "params": {
      "content": "{"entities":[{"id":"mali","expanded":true,"hidden":false,"pinned":true,"x":1,"y":2,"note":"a note"}],"links":[],"filters":{"types":[],"minCredibility":null,"asOf":null},"pathFrom":null,"pathTo":null,"selected":null}",
      "description": null,
      "entityIds": [
        "mali",
      ],
      "id": "inv-1",
      "keep": 20,
      "linkRefs": [],
      "name": "A view",
      "now": "<now>",
      "summary": "saved unchanged",
      "tlp": "GREEN",
      "version": 2,
      "who": "cypher-snapshot",
    },
  },
  {
    "cypher": "MATCH (i:Investigation {id: $id}) WHERE i.tlp IN $visibleTlp
OPTIONAL MATCH (i)-[:HAS_VERSION]->(old:InvestigationVersion {version: $version}) WHERE old.tlp IN $visibleTlp
WITH i, CASE WHEN $version IS NULL THEN i ELSE old END AS c
WHERE c IS NOT NULL
RETURN i {.id, .name, .description, .tlp, .author, .createdAt, .updatedAt, .updatedBy, .version} AS investigation, c.version AS contentVersion, c.content AS content,
  [entityId IN c.entityIds WHERE EXISTS { MATCH (e:Entity {id: entityId}) WHERE ((e.tlp IS NULL OR e.tlp IN $visibleTlp) AND (e.sourceIds IS NULL OR size(e.sourceIds) = 0 OR any(sid IN e.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp }))) }] AS visibleIds,
  [ref IN c.linkRefs WHERE EXISTS {
    MATCH (a:Entity {id: split(ref, '|')[1]})-[r]->(b:Entity {id: split(ref, '|')[2]})
    WHERE type(r) = split(ref, '|')[0] AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
  }] AS visibleLinks,
  COLLECT {
    MATCH (i)-[:HAS_VERSION]->(h:InvestigationVersion)
    RETURN h {.version, .author, .savedAt, .summary} ORDER BY h.version DESC LIMIT 20
  } AS history",
    "operation": "investigation",
    "params": {
      "id": "inv-1",
      "version": null,
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

  it('deleteInvestigation', async () => {
    const sent = await statementsOf(schema, 'mutation { deleteInvestigation(id: "inv-1") }', { answer });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (i:Investigation {id: $id})
SET i.writeLock = true
REMOVE i.writeLock
RETURN i.version AS version, i.author AS author, i.tlp AS tlp, i.content AS content",
    "operation": "deleteInvestigation",
    "params": {
      "id": "inv-1",
    },
  },
  {
    "cypher": "MATCH (i:Investigation {id: $id})
OPTIONAL MATCH (i)-[:HAS_VERSION]->(v:InvestigationVersion)
DETACH DELETE v, i",
    "operation": "deleteInvestigation",
    "params": {
      "id": "inv-1",
    },
  },
]
`);
  });
});
