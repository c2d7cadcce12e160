import { AppError, ErrorCode } from '../../errors';
import { RelationshipType } from '../../model/vocabulary';
import { assembleBundle } from './bundle.export';
import type { Bundle } from '../format';
import type { ExportRepository, GraphPage } from './export.repository';
import {
  EDGES_CSV_HEADER,
  edgesCsv,
  GRAPHML_FOOTER,
  graphmlEdges,
  graphmlHeader,
  graphmlNodes,
  NODES_CSV_HEADER,
  nodesCsv,
} from './graph-formats';
import { Neo4jCsvWriter, type Neo4jCsvManifest } from './neo4j-csv';

export type ExportFormat = 'json' | 'graphml' | 'nodes.csv' | 'edges.csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'graphml', 'nodes.csv', 'edges.csv'];

/** Whole-graph bundles over GraphQL stay small enough for one response; use the download beyond. */
export const MAX_GRAPHQL_EXPORT_ENTITIES = 20_000;

/** The whole graph as a bundle (REPORTED_BY is derived from sourceIds, so it is left out). */
export async function exportWholeBundle(
  repo: ExportRepository,
  maxEntities = Number.POSITIVE_INFINITY,
): Promise<Bundle> {
  const all: GraphPage = { nodes: [], relationships: [] };
  for await (const page of repo.pages()) {
    all.nodes.push(...page.nodes);
    all.relationships.push(...page.relationships.filter((rel) => rel.type !== RelationshipType.REPORTED_BY));
    if (all.nodes.length > maxEntities) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `The graph has more than ${maxEntities} entities: export part of it with ids and depth, or download /export/bundle.json`,
        { field: 'ids' },
      );
    }
  }
  return assembleBundle(all.nodes, all.relationships);
}

/** The entities within `depth` hops of `ids` (retracted ones left out) and the sources they cite, as a bundle. */
export async function exportPartBundle(
  repo: ExportRepository,
  ids: string[],
  depth: number,
  maxEntities: number,
): Promise<Bundle> {
  const part = await repo.subset(ids, depth, maxEntities);
  return assembleBundle(part.nodes, part.relationships);
}

/** Streams the whole graph in `format` through `write`, one page at a time. */
export async function streamExport(
  repo: ExportRepository,
  format: Exclude<ExportFormat, 'json'>,
  write: (chunk: string) => Promise<void> | void,
): Promise<void> {
  if (format === 'graphml') await write(graphmlHeader());
  if (format === 'nodes.csv') await write(NODES_CSV_HEADER);
  if (format === 'edges.csv') await write(EDGES_CSV_HEADER);
  // GraphML lets nodes and edges come in any order, so each page is written as it arrives.
  for await (const page of repo.pages()) {
    if (format === 'graphml') {
      await write(graphmlNodes(page.nodes) + graphmlEdges(page.relationships));
    } else if (format === 'nodes.csv') {
      await write(nodesCsv(page.nodes));
    } else {
      await write(edgesCsv(page.relationships));
    }
  }
  if (format === 'graphml') await write(GRAPHML_FOOTER);
}

/** Where the neo4j-csv export writes: nodes.csv, relationships.csv and empty-lists.jsonl. */
export interface Neo4jCsvSinks {
  nodes: (chunk: string) => Promise<void> | void;
  relationships: (chunk: string) => Promise<void> | void;
  emptyLists: (chunk: string) => Promise<void> | void;
}

/**
 * Streams the whole graph (every relationship type, REPORTED_BY included: the load must rebuild
 * the graph as stored) in the bulk importer's CSV convention (neo4j-csv.ts), one page at a time;
 * returns what manifest.json records.
 */
export async function streamNeo4jCsv(repo: ExportRepository, sinks: Neo4jCsvSinks): Promise<Neo4jCsvManifest> {
  const writer = new Neo4jCsvWriter();
  await sinks.nodes(writer.nodesHeader());
  await sinks.relationships(writer.relationshipsHeader());
  for await (const page of repo.pages()) {
    const nodes = writer.nodes(page.nodes);
    const relationships = writer.relationships(page.relationships);
    await sinks.nodes(nodes.csv);
    await sinks.relationships(relationships.csv);
    const emptyLists = nodes.emptyLists + relationships.emptyLists;
    if (emptyLists) await sinks.emptyLists(emptyLists);
  }
  return writer.manifest();
}
