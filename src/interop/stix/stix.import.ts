import { BadUserInputError, type FieldProblem } from '../../errors';
import { actorFromStix } from './import/actors';
import { eventFromStix } from './import/events';
import { StixImportContext, type StixConversion } from './import/import-context';
import { clip, own, type Plain, strings } from './import/import-helpers';
import { locationFromStix } from './import/locations';
import { noteFromStix, noteLinksFromStix } from './import/notes';
import { opinionFromStix, relationshipFromStix } from './import/relationships';
import { reportFromStix } from './import/reports';
import { eachInSlices, type StixLimits } from './stix-limits';
import { STIX_21_TYPES, type StixObject } from './stix-mapping';

/**
 * A STIX 2.1 bundle (sahel-graph's own export, OpenCTI's or MISP's) as a bundle of the project's
 * format, for the bundle writer to check and write like any other. The sahel-graph extension,
 * when present, gives back exactly what was exported; without it, values come from STIX's own
 * properties (docs/stix.md, the import column). Claims stay claims: a `note` is an
 * allegation and a disagreeing `opinion` a denial, never a plain relationship. Objects of types
 * the model has no place for are skipped and counted. Every object's TLP marking is kept
 * (docs/stix.md). The work is done in slices, giving the event loop a turn between them, so a
 * large bundle does not stall the server.
 *
 * Conversion is a table of small functions keyed by STIX type (import/, one file per concern),
 * in three passes: sources, then entities, then what links them (docs/stix-converters.md).
 */

export type { StixConversion, StixOrigin } from './import/import-context';

type Convert = (o: StixObject, context: StixImportContext) => void;

/** Pass 1: sources (reports) first, since everything else cites them. */
const SOURCE_CONVERTERS: ReadonlyMap<string, Convert> = new Map([['report', reportFromStix]]);

/** Pass 2: entities, by STIX type. Keyed by input text, so a Map (no inherited keys). */
const ENTITY_CONVERTERS: ReadonlyMap<string, Convert> = new Map([
  ['threat-actor', actorFromStix],
  ['intrusion-set', actorFromStix],
  ['identity', actorFromStix],
  ['location', locationFromStix],
  ['incident', eventFromStix],
  ['observed-data', eventFromStix],
  ['note', noteFromStix],
]);

/** Types read by another pass, or only as what other objects refer to: neither entities nor skipped. */
const READ_IN_OTHER_PASSES: ReadonlySet<string> = new Set([
  'report',
  'marking-definition',
  'extension-definition',
  'relationship',
  'opinion',
]);

/** Pass 3: relationships, opinions, and the links of foreign notes. */
const LINK_CONVERTERS: ReadonlyMap<string, Convert> = new Map([
  ['relationship', relationshipFromStix],
  ['opinion', opinionFromStix],
  ['note', noteLinksFromStix],
]);

/** STIX's rule for type names (§2.9): 3-250 of a-z, 0-9 and "-". */
const STIX_TYPE = /^[a-z0-9-]{3,250}$/;
const STIX_ID_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A type the spec defines, or one that says it is custom (an "x-" name or a new-object extension). */
function isStixType(object: Plain): boolean {
  const type = String(object.type);
  if (!STIX_TYPE.test(type)) return false;
  if (STIX_21_TYPES.has(type) || type.startsWith('x-')) return true;
  const extensions = own(object, 'extensions');
  return Object.values(extensions && typeof extensions === 'object' ? extensions : {}).some((extension) =>
    ['new-sdo', 'new-sro', 'new-sco'].includes(String(own(extension, 'extension_type'))),
  );
}

/** What is wrong with one object's type and id, if anything. */
function objectProblem(object: unknown, path: string): FieldProblem | undefined {
  const o = object as Plain | null;
  if (!o || typeof o !== 'object' || Array.isArray(o) || typeof o.type !== 'string' || typeof o.id !== 'string')
    return { field: path, reason: 'needs a "type" and an "id" of the form type--uuid' };
  if (!isStixType(o))
    return {
      field: `${path}.type`,
      reason: `"${clip(o.type, 60)}" is not a STIX 2.1 object type (a custom type starts with "x-" or declares a new-sdo extension)`,
    };
  if (!o.id.startsWith(`${o.type}--`) || !STIX_ID_UUID.test(o.id.slice(o.type.length + 2)))
    return { field: `${path}.id`, reason: `must be "${o.type}--" and a UUID` };
  return undefined;
}

/**
 * Reads the objects of a STIX bundle within `limits` (objects, then bytes, counted as it goes so
 * an oversized bundle is refused early); anything that is not a STIX object is bad input, named
 * by its place. Returns each object with its place.
 */
export async function stixObjects(json: unknown, limits: StixLimits): Promise<Array<[StixObject, number]>> {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw BadUserInputError.field('bundle', 'must be a STIX 2.1 bundle: a JSON object with "type": "bundle"');
  const bundle = json as Plain;
  if (bundle.type !== 'bundle') throw BadUserInputError.field('bundle.type', 'must be "bundle"');
  if (!Array.isArray(bundle.objects)) throw BadUserInputError.field('bundle.objects', 'must be a list of STIX objects');
  const objects = bundle.objects as unknown[];
  if (objects.length > limits.maxObjects) throw tooLarge('bundle.objects', `at most ${limits.maxObjects} objects`);
  const problems: FieldProblem[] = [];
  let bytes = 0;
  await eachInSlices(objects, (object, index) => {
    bytes += JSON.stringify(object)?.length ?? 0;
    if (bytes > limits.maxBytes) throw tooLarge('bundle', `at most ${limits.maxBytes} bytes of STIX objects`);
    const problem = objectProblem(object, `bundle.objects[${index}]`);
    if (problem) problems.push(problem);
  });
  if (problems.length) throw new BadUserInputError(problems);
  return objects.map((object, index) => [object as StixObject, index]);
}

function tooLarge(field: string, limit: string): BadUserInputError {
  return BadUserInputError.field(
    field,
    `too large for one importStix (${limit}, what one Neo4j transaction holds); import larger bundles with \`npm run import -- --format stix FILE\``,
  );
}

/** Converts a STIX bundle (see stixObjects for its limits) into a bundle of the project's format. */
export async function stixToBundle(json: unknown, limits: StixLimits): Promise<StixConversion> {
  return convert(new StixImportContext(json as Plain, await stixObjects(json, limits)));
}

/** The three passes over a bundle's objects, each giving the event loop a turn between slices. */
async function convert(context: StixImportContext): Promise<StixConversion> {
  await eachInSlices(context.objects, (o) => SOURCE_CONVERTERS.get(o.type)?.(o, context));
  for (const o of context.objects) {
    if (o.type !== 'report' || !context.graphIdOf.has(o.id)) continue;
    for (const ref of strings(o.object_refs))
      context.containers.set(ref, [...(context.containers.get(ref) ?? []), context.graphIdOf.get(o.id)!]);
  }
  await eachInSlices(context.objects, (o) => {
    const entity = ENTITY_CONVERTERS.get(o.type);
    if (entity) entity(o, context);
    else if (!READ_IN_OTHER_PASSES.has(o.type)) context.skip(o.type);
  });
  await eachInSlices(context.objects, (o) => LINK_CONVERTERS.get(o.type)?.(o, context));
  return context.result();
}
