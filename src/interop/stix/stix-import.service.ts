import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  emptyBundle,
  contentHash,
  ENTITY_SECTIONS,
  relationshipId,
} from '../../bundle/format';
import { BundleRepository, type LoadCounts, type LoadOptions, type LoadSummary } from '../../bundle/load';
import { parseBundleFields, referencedIds } from '../../bundle/validate';
import { writeOrDryRun, type Database, type Tx } from '../../db';
import { BadUserInputError, type FieldProblem } from '../../errors';
import {
  capProblems,
  CHECK_SLICE,
  eachInSlices,
  MUTATION_LIMITS,
  nextTurn,
  slices,
  Turns,
  type StixLimits,
} from './stix-limits';
import { stixToBundle, type StixConversion } from './stix.import';
import { StixRepository } from './stix.repository';

/**
 * The STIX import use case of importStix (the command line: stix.file-import.ts): converts the bundle
 * (stix.import.ts), checks its fields, then in ONE write transaction locks every id it touches,
 * refuses to change what the graph already holds unless asked (`updateExisting`), and hands the
 * records to the bundle writer a slice at a time. Data from outside is untrusted: a STIX bundle,
 * whoever claims to have made it, creates entities and relationships and re-imports identical
 * ones, but changing one the graph holds takes an administrator's explicit `updateExisting`
 * (docs/stix.md). Conversion, checks and writes give the event loop a turn between slices, so a
 * bundle at the caps leaves the server answering.
 */

export interface StixImportOptions extends LoadOptions {
  who: string;
  /** Validate and count, then roll back: nothing is written. */
  dryRun?: boolean;
  /** Let the bundle change entities and relationships the graph already holds (an admin's explicit choice). */
  updateExisting?: boolean;
  /** Objects and bytes one import may hold (the mutation's by default). */
  limits?: StixLimits;
}

export interface StixImportSummary extends LoadSummary {
  /** STIX objects the model has no place for, by reason. */
  skipped: Record<string, number>;
}

/** A whole import may be large: up to 5 minutes, as for importBundle. */
const IMPORT_TIMEOUT_MS = 300_000;
/** Records per bundle-writer call: it builds a call's rows at once (a few ms of work), then waits on Neo4j. */
const WRITE_SLICE = 100;
const SECTIONS = [...ENTITY_SECTIONS.map(([section]) => section), 'relationships'] as const;
type Section = (typeof SECTIONS)[number];

const HOW_TO_UPDATE =
  'a STIX import does not change what the graph holds unless asked: importStix(updateExisting: true) or `npm run import -- --format stix --update-existing`';

export class StixImportService {
  private readonly bundles = new BundleRepository();

  constructor(private readonly db: Database) {}

  async import(json: unknown, options: StixImportOptions): Promise<StixImportSummary> {
    let originOf: StixConversion['originOf'] = () => undefined;
    try {
      const conversion = await stixToBundle(json, options.limits ?? MUTATION_LIMITS);
      originOf = conversion.originOf;
      const bundle = await parseFieldsInSlices(conversion.bundle);
      return await writeOrDryRun(
        this.db,
        'stix.import',
        async (tx) => ({ ...(await this.write(tx, bundle, conversion, options)), skipped: conversion.skipped }),
        { dryRun: Boolean(options.dryRun), timeoutMs: IMPORT_TIMEOUT_MS },
      );
    } catch (error) {
      throw inStixTerms(error, originOf);
    }
  }

  /** Locks, refuses changes to what exists (unless asked) and ids used twice, then writes it in slices. */
  private async write(
    tx: Tx,
    bundle: Bundle,
    conversion: StixConversion,
    options: StixImportOptions,
  ): Promise<LoadSummary> {
    const ids = referencedIds(bundle);
    // Every id at once, in sorted order (as any bundle writer): the slices below re-lock what they already hold.
    await this.bundles.lock(tx, ids);
    if (!options.updateExisting) {
      const { clashes } = await compareWithGraph(tx, bundle, conversion.originOf);
      if (clashes.length) throw new BadUserInputError(clashes);
    }
    const duplicates = await duplicateIds(bundle);
    if (duplicates.length) throw new BadUserInputError(duplicates);
    const total = SECTIONS.reduce((sum, section) => sum + bundle[section].length, 0);
    const summary: LoadSummary = { nodes: zero(), relationships: zero() };
    let done = 0;
    // Each slice is checked against the graph as the earlier slices left it (kinds, references).
    for (const { section, offset, part } of bundleSlices(bundle)) {
      await nextTurn();
      const written = await this.bundles
        .lockCheckAndWrite(tx, part, { who: options.who, operation: options.operation ?? 'importStix' })
        .catch((error: unknown) => {
          if (!(error instanceof BadUserInputError)) throw error;
          throw new BadUserInputError(error.problems.map((problem) => shifted(problem, section, offset)));
        });
      add(summary.nodes, written.nodes);
      add(summary.relationships, written.relationships);
      done += part[section].length;
      options.onProgress?.(done, total);
    }
    return summary;
  }
}

/** What a converted bundle would do to the graph, record by record, before anything is written. */
export interface GraphComparison {
  /** Records the graph holds with other content: each named by the STIX object and field that claimed it. */
  clashes: FieldProblem[];
  nodes: LoadCounts;
  relationships: LoadCounts;
}

/**
 * Compares every record of `bundle` with what the graph holds under its id (content hashes,
 * node-properties.ts): new, the same, or other content (a clash, unless the admin asked for
 * updates). In the caller's transaction: the mutation's write transaction after its locks, or the
 * command line's read before its run.
 */
export async function compareWithGraph(
  tx: Tx,
  bundle: Bundle,
  originOf: StixConversion['originOf'],
): Promise<GraphComparison> {
  const stix = new StixRepository();
  const entities = ENTITY_SECTIONS.flatMap(([section]) =>
    (bundle[section] as Array<{ id: string }>).map((record, index) => ({ section, index, record, id: record.id })),
  );
  const relationships = bundle.relationships.map((record, index) => ({
    section: 'relationships' as const,
    index,
    record,
    id: relationshipId(record),
  }));
  const held = new Map([
    ...(await stix.entityHashes(
      tx,
      entities.map((entity) => entity.id),
    )),
    ...(await stix.relationshipHashes(
      tx,
      relationships.map(({ id, record }) => ({ id, from: record.from, to: record.to })),
    )),
  ]);
  const comparison: GraphComparison = { clashes: [], nodes: zero(), relationships: zero() };
  // Hashing is the costly part (a re-imported export holds thousands of records): in slices.
  await eachInSlices([...entities, ...relationships], ({ section, index, record, id }) => {
    const counts = section === 'relationships' ? comparison.relationships : comparison.nodes;
    if (!held.has(id)) counts.created += 1;
    else if (held.get(id) === contentHash(record)) counts.unchanged += 1;
    else {
      counts.updated += 1;
      comparison.clashes.push(clash(id, `${section}[${index}]`, originOf));
    }
  });
  return comparison;
}

/** A record the graph holds with other content, named by the STIX object and field that claimed it. */
export function clash(id: string, place: string, originOf: StixConversion['originOf']): FieldProblem {
  const origin = originOf(place);
  return {
    field: origin?.idField ?? `${place}.id`,
    reason: `"${id}" is already in the graph with other content; ${HOW_TO_UPDATE}`,
    record: origin ? `${origin.object} (${place} "${id}")` : `${place} "${id}"`,
  };
}

/** The bundle's field checks (bundle.model.ts), a slice of records at a time; problems keep their places. */
export async function parseFieldsInSlices(bundle: Bundle): Promise<Bundle> {
  const header = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, description: bundle.description };
  const parsed = parseBundleFields(header);
  const problems: FieldProblem[] = [];
  const turns = new Turns();
  for (const section of SECTIONS) {
    let offset = 0;
    for (const part of slices(bundle[section] as object[], CHECK_SLICE)) {
      await turns.maybe();
      try {
        (parsed[section] as object[]).push(...parseBundleFields({ ...header, [section]: part })[section]);
      } catch (error) {
        if (!(error instanceof BadUserInputError)) throw error;
        problems.push(...error.problems.map((problem) => shifted(problem, section, offset)));
      }
      offset += part.length;
    }
  }
  if (problems.length) throw new BadUserInputError(problems);
  return parsed;
}

/** A problem of a slice (`actors[3].name`) at its place in the whole bundle. */
function shifted(problem: FieldProblem, section: Section, offset: number): FieldProblem {
  const place = new RegExp(`^${section}\\[(\\d+)\\]`);
  const shift = (text: string) => text.replace(place, (_, index: string) => `${section}[${Number(index) + offset}]`);
  return { ...problem, field: shift(problem.field), ...(problem.record ? { record: shift(problem.record) } : {}) };
}

/** Slices of one section each, in the order the writer needs: sources, entities, then relationships. */
function bundleSlices(bundle: Bundle): Array<{ section: Section; offset: number; part: Bundle }> {
  return SECTIONS.flatMap((section) =>
    slices(bundle[section] as object[], WRITE_SLICE).map((records, i) => ({
      section,
      offset: i * WRITE_SLICE,
      part: { ...emptyBundle(), [section]: records } as unknown as Bundle,
    })),
  );
}

/** Ids used by two records of the bundle: each slice's check sees only its own records. */
export async function duplicateIds(bundle: Bundle): Promise<FieldProblem[]> {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const [section] of ENTITY_SECTIONS)
    await eachInSlices(bundle[section] as Array<{ id: string }>, ({ id }, index) => {
      if (seen.has(id))
        problems.push({
          field: `${section}[${index}].id`,
          reason: `id "${id}" is used by another record of this bundle`,
          record: `${section}[${index}] "${id}"`,
        });
      seen.add(id);
    });
  return problems;
}

/**
 * Problems name records of the converted bundle (`actors[3].name`): say which STIX object each
 * came from, and list only the first ones, so an error stays small whatever the bundle.
 */
export function inStixTerms(error: unknown, originOf: StixConversion['originOf']): unknown {
  if (!(error instanceof BadUserInputError)) return error;
  return new BadUserInputError(
    capProblems(
      error.problems.map((problem) => {
        const origin = originOf(/^[a-z]+\[\d+\]/.exec(problem.field)?.[0] ?? '');
        if (!origin || problem.field.startsWith('bundle')) return problem;
        return {
          ...problem,
          record: `${origin.object} at ${origin.path}${problem.record ? ` (${problem.record})` : ''}`,
        };
      }),
    ),
  );
}

const zero = (): LoadCounts => ({ created: 0, updated: 0, unchanged: 0 });

function add(total: LoadCounts, part: LoadCounts): void {
  total.created += part.created;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
}
