import { assembleBundle, type RelationshipRecordRow } from '../../bundle/bundle.export';
import type { LoadSummary } from '../../bundle/bundle.repository';
import type { ExportRepository } from '../../bundle/export.repository';
import type { NodeRecord } from '../../entities/entity.mapper';
import type { CurationService, ImportOptions } from '../../curation/curation.service';
import { BadUserInputError } from '../../errors';
import { RelationshipType, Tlp } from '../../model/vocabulary';
import type { StixBundle } from './stix-mapping';
import { bundleToStix, type Timestamps } from './stix.export';
import { stixToBundle } from './stix.import';

/**
 * STIX 2.1 in and out, on top of the bundle use cases: the export is the whole-graph bundle
 * (retracted items left out) converted by bundleToStix, with the graph's createdAt/updatedAt as
 * STIX timestamps; the import converts to a bundle and hands it to importBundle, so it is
 * validated, locked and written all or nothing like any other import.
 */

export interface StixImportSummary extends LoadSummary {
  /** STIX objects the model has no place for, by reason. */
  skipped: Record<string, number>;
}

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

export const IMPORT_FORMATS: readonly string[] = ['bundle', 'stix'];

/** `npm run import -- --format F`: the bundle as it is, or STIX converted first. */
export function importInFormat(
  format: string,
  curation: CurationService,
  json: unknown,
  options: ImportOptions & { who: string },
): Promise<LoadSummary & { skipped?: Record<string, number> }> {
  return format === 'stix' ? importStix(curation, json, options) : curation.importBundle(json, options);
}

export async function importStix(
  curation: CurationService,
  json: unknown,
  options: ImportOptions & { who: string },
): Promise<StixImportSummary> {
  const { bundle, skipped, origins } = stixToBundle(json);
  try {
    const summary = await curation.importBundle(bundle, { ...options, operation: options.operation ?? 'importStix' });
    return { ...summary, skipped };
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    // Problems name records of the converted bundle (actors[3].name): say which STIX object each came from.
    throw new BadUserInputError(
      error.problems.map((problem) => {
        const stixObject = origins[/^[a-z]+\[\d+\]/.exec(problem.field)?.[0] ?? ''];
        return stixObject
          ? { ...problem, record: `${stixObject}${problem.record ? ` (${problem.record})` : ''}` }
          : problem;
      }),
    );
  }
}
