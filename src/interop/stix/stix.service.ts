import { assembleBundle, type RelationshipRecordRow, type ExportRepository } from '../../bundle/export';
import type { NodeRecord } from '../../entities/entity.mapper';
import { RelationshipType, Tlp } from '../../model/vocabulary';
import type { StixBundle } from './stix-mapping';
import { bundleToStix, type Timestamps } from './stix.export';

/**
 * STIX 2.1 out: the whole-graph bundle (retracted items left out) converted by bundleToStix, with
 * the graph's createdAt/updatedAt as STIX timestamps. STIX in is stix-import.service.ts.
 */

/** A Neo4j date-time property as a STIX timestamp (millisecond precision, UTC). */
function stixTime(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function timestampsOf(props: Record<string, unknown>): Timestamps | undefined {
  const created = stixTime(props.createdAt);
  if (!created) return undefined;
  const modified = stixTime(props.updatedAt) ?? created;
  return { created, modified: modified < created ? created : modified };
}

export async function exportStix(repo: ExportRepository, tlp: Tlp = Tlp.CLEAR): Promise<StixBundle> {
  const nodes: NodeRecord[] = [];
  const relationships: RelationshipRecordRow[] = [];
  const timestamps = new Map<string, Timestamps>();
  for await (const page of repo.pages()) {
    for (const node of page.nodes) {
      nodes.push(node);
      const time = timestampsOf(node.props);
      if (time) timestamps.set(String(node.props.id), time);
    }
    for (const rel of page.relationships) {
      if (rel.type === RelationshipType.REPORTED_BY) continue;
      relationships.push(rel);
      const time = timestampsOf(rel.props);
      if (time) timestamps.set(String(rel.props.id), time);
    }
  }
  return bundleToStix(assembleBundle(nodes, relationships), { tlp, timestamps });
}
