import type { LocalNeo4j } from '../../tools/neo4j/local-neo4j';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { sahelLocalNeo4j?: LocalNeo4j }).sahelLocalNeo4j?.stop();
}
