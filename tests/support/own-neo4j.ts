import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, type Database } from '../../src/db';
import { startLocalNeo4j, type LocalNeo4j } from '../../tools/neo4j/local-neo4j';
import { startTestApp } from './app';
import { openDatabase, type DatabaseOverrides } from './database';

/** Heap of a test's own Neo4j: small, several may run beside the suite's. */
const HEAP = '384m';

/**
 * A Neo4j of a test's own (the test stops, kills or hangs it, so never the suite's), migrated,
 * with the service over it, for the outage and recovery tests. `restart` brings Neo4j back on the
 * same port and store, as an operator's restart would.
 */
export class OwnNeo4jService {
  private readonly dataDir: string;
  neo4j!: LocalNeo4j;
  db!: Database;
  app!: Awaited<ReturnType<typeof startTestApp>>;

  constructor(name: string) {
    this.dataDir = mkdtempSync(path.join(tmpdir(), `sahel-${name}-`));
  }

  /**
   * Starts Neo4j, runs the migrations with the default transaction timeout (a fresh store may
   * take a while on a busy machine), then serves through a gateway with `gateway`'s overrides.
   */
  async start(gateway: DatabaseOverrides = {}, env: Record<string, string> = {}): Promise<void> {
    this.neo4j = await startLocalNeo4j({ dataDir: this.dataDir, heap: HEAP });
    const setup = openDatabase({ uri: this.neo4j.uri });
    await migrate(setup);
    await setup.close();
    this.db = openDatabase({ uri: this.neo4j.uri, ...gateway });
    this.app = await startTestApp(this.db, env);
  }

  get port(): number {
    return Number(new URL(this.neo4j.uri).port);
  }

  /** Neo4j again on the same port and store; resolves on its ready line. */
  async restart(): Promise<void> {
    this.neo4j = await startLocalNeo4j({ dataDir: this.dataDir, port: this.port, heap: HEAP });
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    await this.db?.close();
    await this.neo4j?.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
