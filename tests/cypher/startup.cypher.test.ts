import { readMigrations, migrate } from '../../src/db';
import { seedIfEmpty } from '../../src/seed/seed-loader';
import { recordingDatabase } from '../support/recording-database';
import { named } from '../support/statement-names';

/**
 * The Cypher of start-up, with its parameters, without a database: migrations (each statement of
 * cypher/migrations, then its record) and the seed, loaded only into an empty graph. (/readyz's
 * ping is pinned against the real Neo4j in tests/integration/statement-log.test.ts.)
 */
describe('start-up: Cypher sent', () => {
  it('migrate on a new graph: read what is applied, then each migration statement and its record', async () => {
    const { db, recorded } = recordingDatabase();
    const applied = await migrate(db);
    expect(applied).toEqual(readMigrations().map((migration) => migration.id));
    // The checksum is the file's hash: the statements above it are the file.
    const sent = recorded.map((statement) =>
      statement.params.checksum
        ? { ...statement, params: { ...statement.params, checksum: '<sha256 of the file>' } }
        : statement,
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (m:Migration) RETURN m.id AS id",
    "operation": "migrations.applied",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT entity_id_unique IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "operation": "migration.0001_entity_id_unique",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT migration_id_unique IF NOT EXISTS
FOR (m:Migration) REQUIRE m.id IS UNIQUE",
    "operation": "migration.0001_entity_id_unique",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0001_entity_id_unique",
    },
  },
  {
    "cypher": "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases]
OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }",
    "operation": "migration.0002_entity_name_fulltext",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0002_entity_name_fulltext",
    },
  },
  {
    "cypher": "CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)",
    "operation": "migration.0003_lookup_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX location_kind IF NOT EXISTS FOR (n:Location) ON (n.kind)",
    "operation": "migration.0003_lookup_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type)",
    "operation": "migration.0003_lookup_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.startDate)",
    "operation": "migration.0003_lookup_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX allegation_status IF NOT EXISTS FOR (n:Allegation) ON (n.status)",
    "operation": "migration.0003_lookup_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX source_reliability IF NOT EXISTS FOR (n:Source) ON (n.reliability)",
    "operation": "migration.0003_lookup_indexes",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0003_lookup_indexes",
    },
  },
  {
    "cypher": "CREATE FULLTEXT INDEX relationship_sources IF NOT EXISTS
FOR ()-[r:MEMBER_OF|AFFILIATED_WITH|SUBORDINATE_TO|SUPPORTS|OPPOSES|GOVERNS|OPERATES_IN|PART_OF|BORDERS|CONNECTS|PARTICIPATED_IN|OCCURRED_IN|DISRUPTS|FOLLOWS|ALLEGES|ACCUSES|CONCERNS|DENIES|REPORTED_BY|CITES]-()
ON EACH [r.sourceIds]
OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'keyword', \`fulltext.eventually_consistent\`: false } }",
    "operation": "migration.0004_relationship_sources_fulltext",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0004_relationship_sources_fulltext",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT change_id_unique IF NOT EXISTS
FOR (c:Change) REQUIRE c.id IS UNIQUE",
    "operation": "migration.0005_change_history",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.targetId, c.at)",
    "operation": "migration.0005_change_history",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0005_change_history",
    },
  },
  {
    "cypher": "MATCH (a:Allegation {status: 'CONFIRMED'}) SET a.status = 'CORROBORATED'",
    "operation": "migration.0006_claim_status_corroborated",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0006_claim_status_corroborated",
    },
  },
  {
    "cypher": "CREATE INDEX rel_member_of_credibility IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_affiliated_with_credibility IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_subordinate_to_credibility IF NOT EXISTS FOR ()-[r:SUBORDINATE_TO]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_national_of_credibility IF NOT EXISTS FOR ()-[r:NATIONAL_OF]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_supports_credibility IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_opposes_credibility IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_governs_credibility IF NOT EXISTS FOR ()-[r:GOVERNS]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_operates_in_credibility IF NOT EXISTS FOR ()-[r:OPERATES_IN]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_part_of_credibility IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_borders_credibility IF NOT EXISTS FOR ()-[r:BORDERS]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_connects_credibility IF NOT EXISTS FOR ()-[r:CONNECTS]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_participated_in_credibility IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_occurred_in_credibility IF NOT EXISTS FOR ()-[r:OCCURRED_IN]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_disrupts_credibility IF NOT EXISTS FOR ()-[r:DISRUPTS]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_follows_credibility IF NOT EXISTS FOR ()-[r:FOLLOWS]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_alleges_credibility IF NOT EXISTS FOR ()-[r:ALLEGES]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_accuses_credibility IF NOT EXISTS FOR ()-[r:ACCUSES]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_concerns_credibility IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_denies_credibility IF NOT EXISTS FOR ()-[r:DENIES]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_reported_by_credibility IF NOT EXISTS FOR ()-[r:REPORTED_BY]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX rel_cites_credibility IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.credibility, r.id)",
    "operation": "migration.0007_relationship_credibility_indexes",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0007_relationship_credibility_indexes",
    },
  },
  {
    "cypher": "CREATE INDEX actor_id IF NOT EXISTS FOR (n:Actor) ON (n.id)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX location_id IF NOT EXISTS FOR (n:Location) ON (n.id)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX event_id IF NOT EXISTS FOR (n:Event) ON (n.id)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX allegation_id IF NOT EXISTS FOR (n:Allegation) ON (n.id)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX source_id IF NOT EXISTS FOR (n:Source) ON (n.id)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX actor_retracted IF NOT EXISTS FOR (n:Actor) ON (n.retracted)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX location_retracted IF NOT EXISTS FOR (n:Location) ON (n.retracted)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX event_retracted IF NOT EXISTS FOR (n:Event) ON (n.retracted)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX allegation_retracted IF NOT EXISTS FOR (n:Allegation) ON (n.retracted)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX source_retracted IF NOT EXISTS FOR (n:Source) ON (n.retracted)",
    "operation": "migration.0008_list_paging_indexes",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0008_list_paging_indexes",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT import_run_id_unique IF NOT EXISTS
FOR (r:ImportRun) REQUIRE r.id IS UNIQUE",
    "operation": "migration.0009_import_runs",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX import_pre_image_run IF NOT EXISTS FOR (p:ImportPreImage) ON (p.preImageRun)",
    "operation": "migration.0009_import_runs",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX change_import_run IF NOT EXISTS FOR (c:Change) ON (c.importRun)",
    "operation": "migration.0009_import_runs",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0009_import_runs",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT document_text_hash_unique IF NOT EXISTS
FOR (t:DocumentText) REQUIRE t.contentHash IS UNIQUE",
    "operation": "migration.0010_documents",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT document_text_source_unique IF NOT EXISTS
FOR (t:DocumentText) REQUIRE t.sourceId IS UNIQUE",
    "operation": "migration.0010_documents",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX document_chunk_source IF NOT EXISTS FOR (c:DocumentChunk) ON (c.sourceId, c.start)",
    "operation": "migration.0010_documents",
    "params": {},
  },
  {
    "cypher": "CREATE FULLTEXT INDEX document_chunks IF NOT EXISTS
FOR (c:DocumentChunk) ON EACH [c.folded]
OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }",
    "operation": "migration.0010_documents",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0010_documents",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT proposal_decision_unique IF NOT EXISTS
FOR (d:ProposalDecision) REQUIRE (d.documentId, d.proposalId) IS UNIQUE",
    "operation": "migration.0011_proposal_decisions",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0011_proposal_decisions",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT change_seq_unique IF NOT EXISTS
FOR (c:Change) REQUIRE c.seq IS UNIQUE",
    "operation": "migration.0012_change_feed",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT change_feed_id_unique IF NOT EXISTS
FOR (f:ChangeFeed) REQUIRE f.id IS UNIQUE",
    "operation": "migration.0012_change_feed",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0012_change_feed",
    },
  },
  {
    "cypher": "CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)",
    "operation": "migration.0013_recent_changes",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0013_recent_changes",
    },
  },
  {
    "cypher": "CREATE INDEX source_tlp IF NOT EXISTS FOR (n:Source) ON (n.tlp)",
    "operation": "migration.0014_source_tlp_index",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0014_source_tlp_index",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT webhook_id_unique IF NOT EXISTS FOR (w:Webhook) REQUIRE w.id IS UNIQUE",
    "operation": "migration.0015_webhooks",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT webhook_delivery_id_unique IF NOT EXISTS FOR (d:WebhookDelivery) REQUIRE d.id IS UNIQUE",
    "operation": "migration.0015_webhooks",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX webhook_delivery_status IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.status)",
    "operation": "migration.0015_webhooks",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX webhook_delivery_webhook IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.webhookId)",
    "operation": "migration.0015_webhooks",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT webhook_registry_id_unique IF NOT EXISTS FOR (r:WebhookRegistry) REQUIRE r.id IS UNIQUE",
    "operation": "migration.0015_webhooks",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0015_webhooks",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT watch_id_unique IF NOT EXISTS
FOR (w:Watch) REQUIRE w.id IS UNIQUE",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX watch_owner IF NOT EXISTS
FOR (w:Watch) ON (w.owner)",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT watch_key_unique IF NOT EXISTS
FOR (w:Watch) REQUIRE w.key IS UNIQUE",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX watch_entity IF NOT EXISTS
FOR (w:Watch) ON (w.entityId)",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT watch_owner_id_unique IF NOT EXISTS
FOR (o:WatchOwner) REQUIRE o.id IS UNIQUE",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT alert_id_unique IF NOT EXISTS
FOR (a:Alert) REQUIRE a.id IS UNIQUE",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX alert_owner_number IF NOT EXISTS
FOR (a:Alert) ON (a.owner, a.number)",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "CREATE CONSTRAINT watch_cursor_id_unique IF NOT EXISTS
FOR (c:WatchCursor) REQUIRE c.id IS UNIQUE",
    "operation": "migration.0016_watchlists",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0016_watchlists",
    },
  },
  {
    "cypher": "CREATE CONSTRAINT investigation_id_unique IF NOT EXISTS FOR (n:Investigation) REQUIRE n.id IS UNIQUE",
    "operation": "migration.0017_investigations",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX investigation_updated IF NOT EXISTS FOR (n:Investigation) ON (n.updatedAt)",
    "operation": "migration.0017_investigations",
    "params": {},
  },
  {
    "cypher": "CREATE INDEX investigation_version IF NOT EXISTS FOR (n:InvestigationVersion) ON (n.investigationId, n.version)",
    "operation": "migration.0017_investigations",
    "params": {},
  },
  {
    "cypher": "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
    "operation": "migrations.record",
    "params": {
      "checksum": "<sha256 of the file>",
      "id": "0017_investigations",
    },
  },
]
`);
  });

  it('migrate on a current graph reads only what is applied', async () => {
    const ids = readMigrations().map((migration) => migration.id);
    const { db, recorded } = recordingDatabase({
      answer: ({ operation }) => (operation === 'migrations.applied' ? ids.map((id) => ({ id })) : undefined),
    });
    await expect(migrate(db)).resolves.toEqual([]);
    expect(recorded.map((statement) => statement.operation)).toEqual(['migrations.applied']);
  });

  it('seedIfEmpty on a graph with entities asks one question', async () => {
    const { db, recorded } = recordingDatabase();
    await expect(seedIfEmpty(db)).resolves.toBeUndefined();
    expect(recorded).toMatchInlineSnapshot(`
[
  {
    "cypher": "RETURN NOT EXISTS { MATCH (:Entity) } AS empty",
    "operation": "seed.isEmpty",
    "params": {},
  },
]
`);
  });

  it('seedIfEmpty on an empty graph imports the seed bundle as "system", one statement per kind and type', async () => {
    const { db, recorded } = recordingDatabase({
      answer: ({ operation }) => (operation === 'seed.isEmpty' ? [{ empty: true }] : undefined),
    });
    await expect(seedIfEmpty(db)).resolves.toBeDefined();
    const writes = named(recorded.slice(1));
    expect(new Set(writes.map((write) => write.operation))).toEqual(new Set(['curation.seed']));
    for (const write of writes.filter((w) => w.params.rows))
      expect([write.params.who, write.params.operation]).toEqual(['system', 'seed']);
    // The statements in order (their parameters are the seed bundle itself).
    expect(writes.map((write) => write.statement)).toMatchInlineSnapshot(`
[
  "LOCK_ENTITIES_STATEMENT",
  "KNOWN_ENTITIES_STATEMENT",
  "upsertNodesStatement(SOURCE)",
  "upsertNodesStatement(ACTOR, State)",
  "upsertNodesStatement(ACTOR, ArmedGroup)",
  "upsertNodesStatement(ACTOR, Alliance)",
  "upsertNodesStatement(ACTOR, Organization)",
  "upsertNodesStatement(ACTOR, Agency)",
  "upsertNodesStatement(ACTOR, Force)",
  "upsertNodesStatement(ACTOR, Group)",
  "upsertNodesStatement(LOCATION, Country)",
  "upsertNodesStatement(LOCATION, Region)",
  "upsertNodesStatement(LOCATION, Corridor)",
  "upsertNodesStatement(EVENT)",
  "upsertNodesStatement(ALLEGATION)",
  "upsertRelationshipsStatement(MEMBER_OF)",
  "upsertRelationshipsStatement(AFFILIATED_WITH)",
  "upsertRelationshipsStatement(SUBORDINATE_TO)",
  "upsertRelationshipsStatement(NATIONAL_OF)",
  "upsertRelationshipsStatement(SUPPORTS)",
  "upsertRelationshipsStatement(OPPOSES)",
  "upsertRelationshipsStatement(GOVERNS)",
  "upsertRelationshipsStatement(OPERATES_IN)",
  "upsertRelationshipsStatement(PART_OF)",
  "upsertRelationshipsStatement(CONNECTS)",
  "upsertRelationshipsStatement(PARTICIPATED_IN)",
  "upsertRelationshipsStatement(OCCURRED_IN)",
  "upsertRelationshipsStatement(DISRUPTS)",
  "upsertRelationshipsStatement(FOLLOWS)",
  "upsertRelationshipsStatement(ALLEGES)",
  "upsertRelationshipsStatement(ACCUSES)",
  "upsertRelationshipsStatement(CONCERNS)",
  "upsertRelationshipsStatement(DENIES)",
  "upsertRelationshipsStatement(CITES)",
  "upsertRelationshipsStatement(REPORTED_BY)",
]
`);
  });
});
