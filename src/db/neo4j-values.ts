import neo4j from 'neo4j-driver';

/**
 * JavaScript values as Neo4j needs them. Numbers reach Cypher as floats, and LIMIT and SKIP need
 * integers; ISO day strings become Neo4j dates, which compare by day in the graph.
 */
export function int(value: number) {
  return neo4j.int(Math.trunc(value));
}

/** `yyyy-mm-dd` as a Neo4j date. */
export function toNeo4jDate(iso: string) {
  const [year, month, day] = iso.split('-').map(Number);
  return new neo4j.types.Date(year, month, day);
}
