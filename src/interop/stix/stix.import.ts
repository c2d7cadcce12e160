import { createHash } from 'node:crypto';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type BundleActor,
  type BundleAllegation,
  type BundleEvent,
  type BundleLocation,
  type BundleQuantity,
  type BundleRelationship,
  type BundleSource,
} from '../../bundle/bundle.model';
import { relationshipId } from '../../bundle/bundle.validator';
import { BadUserInputError, type FieldProblem } from '../../errors';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  EntityKind,
  EventStatus,
  EventType,
  ID_MAX_LENGTH,
  ID_PATTERN,
  LocationKind,
  ParticipationRole,
  RELATIONSHIP_RULES,
  RelationshipType,
  Reliability,
  SourceKind,
  Tlp as TlpLevel,
  type Tlp,
} from '../../model/vocabulary';
import { isPartialDate } from '../../model/partial-date';
import { stixTypeOf } from './stix-ids';
import { eachInSlices, type StixLimits } from './stix-limits';
import {
  actorKindOfIdentity,
  credibilityOf,
  DISAGREEING_OPINIONS,
  LOCATION_KIND_OF_OPENCTI,
  RELATIONSHIP_TYPE_OF_STIX,
  STIX_21_TYPES,
  type StixObject,
} from './stix-mapping';
import { loosestTlp, strictestTlp, tlpAbove, tlpOfMarking } from './stix-markings';
import { SAHEL_EXTENSION_ID } from './stix-ids';

/**
 * A STIX 2.1 bundle (sahel-graph's own export, OpenCTI's or MISP's) as a bundle of the project's
 * format, for the bundle writer to check and write like any other. The sahel-graph extension,
 * when present, gives back exactly what was exported; without it, values come from STIX's own
 * properties (README, "STIX 2.1", the import column). Claims stay claims: a `note` is an
 * allegation and a disagreeing `opinion` a denial, never a plain relationship. Objects of types
 * the model has no place for are skipped and counted. Every object's TLP marking is kept
 * (docs/stix.md). The work is done in slices, giving the event loop a turn between them, so a
 * large bundle does not stall the server.
 */

const MAX_NAME = 200;
const MAX_EXCERPT = 1_000;
const MAX_TEXT = 2_000;
/** Kinds of skipped object listed one by one; any more are counted together. */
const MAX_SKIP_REASONS = 50;
const MAX_REASON = 100;

/** Where a record of the converted bundle came from: its STIX object and the field that gave its id. */
export interface StixOrigin {
  /** The STIX id. */
  object: string;
  /** Its place in the input: `bundle.objects[12]`. */
  path: string;
  /** The field its graph id came from: the extension's `graph_id`, else the STIX `id`. */
  idField: string;
}

export interface StixConversion {
  bundle: Bundle;
  /** Objects left out, by reason ("attack-pattern", "relationship related-to", ...). */
  skipped: Record<string, number>;
  /** Where a record came from, by its place in the bundle (`actors[3]`), to name it in errors. */
  originOf: (place: string) => StixOrigin | undefined;
}

type Plain = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
const clip = (value: string | undefined, max: number) => (value && value.length > max ? value.slice(0, max) : value);
const enumValue = <T extends string>(values: Record<string, T>, value: unknown): T | undefined =>
  (Object.values(values) as string[]).includes(value as string) ? (value as T) : undefined;
const partialDate = (value: unknown): string | undefined => {
  if (isPartialDate(value)) return value;
  const day = typeof value === 'string' ? value.slice(0, 10) : undefined;
  return isPartialDate(day) ? day : undefined;
};
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
/** An own property of a JSON object (never one of Object.prototype's: "constructor" is just absent). */
const own = (object: unknown, key: string): unknown =>
  object && typeof object === 'object' && Object.hasOwn(object, key) ? (object as Plain)[key] : undefined;

/** A graph id for a foreign object: its name as a slug, with a digest of its STIX id to keep it unique. */
function slugFor(object: StixObject, name: string | undefined): string {
  const digest = createHash('sha1').update(object.id).digest('hex').slice(0, 8);
  const base = (name ?? stixTypeOf(object.id))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX_LENGTH - 9)
    .replace(/-+$/, '');
  return base ? `${base}-${digest}` : digest;
}

function quantity(value: unknown): BundleQuantity | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const q = value as Plain;
  if (typeof q.measure !== 'string' || typeof q.value !== 'number') return undefined;
  return {
    measure: q.measure,
    value: q.value,
    ...(typeof q.approximate === 'boolean' ? { approximate: q.approximate } : {}),
  };
}

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
  const converter = new StixConverter(json as Plain, await stixObjects(json, limits));
  return converter.convert();
}

/** One conversion: the objects, what each became, and the bundle's sections as they fill. */
class StixConverter {
  private readonly skips = new Map<string, number>();
  private readonly objects: StixObject[];
  private readonly byId = new Map<string, StixObject>();
  private readonly placeOf = new Map<string, number>();
  private readonly graphIdOf = new Map<string, string>();
  private readonly kindOf = new Map<string, EntityKind>();
  private readonly tlpOfSource = new Map<string, Tlp | undefined>();
  private readonly containers = new Map<string, string[]>();
  private readonly origin = new Map<object, string>();
  private readonly seen = new Set<string>();
  private readonly authorsOnly: (o: StixObject) => boolean;
  private bundleSource: BundleSource | undefined;
  private readonly sources: BundleSource[] = [];
  private readonly actors: BundleActor[] = [];
  private readonly locations: BundleLocation[] = [];
  private readonly events: BundleEvent[] = [];
  private readonly allegations: BundleAllegation[] = [];
  private readonly relationships: BundleRelationship[] = [];

  constructor(
    private readonly json: Plain,
    placed: Array<[StixObject, number]>,
  ) {
    // A bundle may carry several versions of an object: the latest `modified` stands for it.
    for (const [o, place] of placed) {
      const other = this.byId.get(o.id);
      if (other) this.skip('older version of an object');
      if (!other || String(o.modified ?? '') >= String(other.modified ?? '')) {
        this.byId.set(o.id, o);
        this.placeOf.set(o.id, place);
      }
    }
    this.objects = [...this.byId.values()];
    this.authorsOnly = this.authorOnlyRule();
  }

  async convert(): Promise<StixConversion> {
    await eachInSlices(this.objects, (o) => this.source(o));
    for (const o of this.objects) {
      if (o.type !== 'report' || !this.graphIdOf.has(o.id)) continue;
      for (const ref of strings(o.object_refs))
        this.containers.set(ref, [...(this.containers.get(ref) ?? []), this.graphIdOf.get(o.id)!]);
    }
    await eachInSlices(this.objects, (o) => this.entity(o));
    const actorNamed = new Map(this.actors.map((actor) => [actor.name.toLowerCase(), actor.id]));
    const allegationById = new Map(this.allegations.map((allegation) => [allegation.id, allegation]));
    await eachInSlices(this.objects, (o) => {
      if (o.type === 'relationship') this.relationship(o);
      else if (o.type === 'opinion') this.opinion(o, actorNamed);
      else if (o.type === 'note' && !this.ext(o) && this.graphIdOf.has(o.id))
        this.noteLinks(o, allegationById.get(this.graphIdOf.get(o.id)!)!);
    });
    return this.result();
  }

  private skip(reason: string): void {
    const listed = this.skips.has(reason) || this.skips.size < MAX_SKIP_REASONS;
    const key = listed ? clip(reason, MAX_REASON)! : 'other kinds of object (more than are listed)';
    this.skips.set(key, (this.skips.get(key) ?? 0) + 1);
  }

  /** The sahel-graph extension of an object (an own property, never one inherited from Object). */
  private ext(o: StixObject): Plain | undefined {
    const extension = own(own(o, 'extensions'), SAHEL_EXTENSION_ID);
    return extension && typeof extension === 'object' ? (extension as Plain) : undefined;
  }

  /** Authors: identities that only sign other objects (created_by_ref), and the system identity, are not actors. */
  private authorOnlyRule(): (o: StixObject) => boolean {
    const endpoints = new Set<string>();
    for (const o of this.objects) {
      if (o.type === 'relationship') for (const key of ['source_ref', 'target_ref']) endpoints.add(String(o[key]));
      if (o.type === 'note' || o.type === 'opinion') for (const ref of strings(o.object_refs)) endpoints.add(ref);
    }
    const signers = new Set(
      this.objects.map((o) => o.created_by_ref).filter((r): r is string => typeof r === 'string'),
    );
    return (o) => o.identity_class === 'system' || (!this.ext(o) && signers.has(o.id) && !endpoints.has(o.id));
  }

  /** The strictest TLP marking on an object: definitions in the bundle, and the published ids that need none. */
  private markingTlp(o: StixObject): Tlp | undefined {
    const levels = strings(o.object_marking_refs)
      .map((ref) => {
        const marking = this.byId.get(ref);
        return marking ? tlpOfMarking(marking) : tlpOfMarking(ref);
      })
      .filter((level): level is Tlp => level !== undefined);
    return levels.length ? strictestTlp(levels) : undefined;
  }

  /**
   * An item's own level: its marking when that is above what its sources warrant, and the level
   * the sahel-graph extension carries. A sahel-graph export marks an object with its strictest
   * source (or its own level); any other producer's marking covers the object whatever its
   * reports are marked, so it is kept unless every source already hides the item below it.
   */
  private itemTlp(o: StixObject, sourceIds: string[]): Tlp | undefined {
    const marked = this.markingTlp(o);
    const levels = sourceIds.map((id) => this.tlpOfSource.get(id) ?? TlpLevel.CLEAR);
    const warranted = this.ext(o) ? strictestTlp(levels) : loosestTlp(levels);
    const kept = [
      ...(marked && tlpAbove(marked, warranted) ? [marked] : []),
      ...(enumValue(TlpLevel, this.ext(o)?.tlp) ? [this.ext(o)!.tlp as Tlp] : []),
    ];
    return kept.length ? strictestTlp(kept) : undefined;
  }

  private graphId(o: StixObject, name: string | undefined): string {
    const id = text(this.ext(o)?.graph_id);
    return id && ID_PATTERN.test(id) && id.length <= ID_MAX_LENGTH ? id : slugFor(o, name);
  }

  private register(o: StixObject, id: string, kind: EntityKind): string {
    this.graphIdOf.set(o.id, id);
    this.kindOf.set(id, kind);
    return id;
  }

  /** Pass 1: sources (reports) first, since everything else cites them. */
  private source(o: StixObject): void {
    if (o.type !== 'report') return;
    const e = this.ext(o) ?? {};
    const title = clip(text(o.name), MAX_NAME) ?? 'Untitled report';
    const author = this.byId.get(String(o.created_by_ref));
    const url = (Array.isArray(o.external_references) ? (o.external_references as Plain[]) : [])
      .map((r) => text(own(r, 'url')))
      .find((u) => u && /^https?:\/\//.test(u));
    const reliability =
      enumValue(Reliability, e.reliability) ??
      enumValue(Reliability, String(author?.x_opencti_reliability ?? o.x_opencti_reliability ?? '').charAt(0)) ??
      Reliability.F;
    const source: BundleSource = {
      id: this.register(o, this.graphId(o, title), EntityKind.SOURCE),
      title,
      kind: enumValue(SourceKind, e.kind) ?? SourceKind.REPORT,
      reliability,
    };
    const publisher = text(e.publisher) ?? (this.ext(o) ? undefined : text(author?.name));
    if (publisher && !(author?.identity_class === 'system' && !this.ext(o)))
      source.publisher = clip(publisher, MAX_NAME);
    if (text(e.author)) source.author = clip(text(e.author), MAX_NAME);
    if (url) source.url = url;
    const published = this.ext(o) ? partialDate(e.published) : partialDate(o.published);
    if (published) source.published = published;
    if (text(o.description)) source.description = clip(text(o.description), MAX_TEXT);
    // The stricter of the marking and what the extension says: neither can lower the other. (The
    // graph's own export leaves a CLEAR source's level out of the extension: so does its re-import.)
    const levels = [enumValue(TlpLevel, e.tlp), this.markingTlp(o)].filter((l): l is Tlp => l !== undefined);
    const level = strictestTlp(levels);
    if (levels.length && (!this.ext(o) || e.tlp !== undefined || tlpAbove(level, TlpLevel.CLEAR))) source.tlp = level;
    this.tlpOfSource.set(source.id, source.tlp);
    this.sources.push(source);
    this.origin.set(source, o.id);
  }

  private sourceIdsOf(o: StixObject): string[] {
    const cited = [...new Set(this.containers.get(o.id) ?? [])];
    if (cited.length) return cited;
    // Nothing in the bundle reports it: the bundle itself is its source, of unknown reliability.
    if (!this.bundleSource) {
      const digest = createHash('sha1').update(String(this.json.id)).digest('hex').slice(0, 8);
      this.bundleSource = {
        id: `stix-bundle-${digest}`,
        title: clip(`STIX bundle ${String(this.json.id)}`, MAX_NAME)!,
        kind: SourceKind.OTHER,
        reliability: Reliability.F,
        description: 'The imported STIX bundle, cited by its objects that no report in it contains',
      };
      this.sources.push(this.bundleSource);
    }
    return [this.bundleSource.id];
  }

  /** Sources, grade and excerpt of what an object says, and the object's own TLP level. */
  private evidence(o: StixObject, fallbackExcerpt: string) {
    const e = this.ext(o) ?? {};
    const credibility =
      typeof e.credibility === 'number' && e.credibility >= 1 && e.credibility <= 6
        ? e.credibility
        : credibilityOf(o.confidence);
    const sourceIds = this.sourceIdsOf(o);
    const tlp = this.itemTlp(o, sourceIds);
    return {
      sourceIds,
      credibility,
      excerpt: clip(text(e.excerpt) ?? text(o.description) ?? fallbackExcerpt, MAX_EXCERPT)!,
      ...(tlp ? { tlp } : {}),
    };
  }

  /** Pass 2: entities. */
  private entity(o: StixObject): void {
    switch (o.type) {
      case 'report':
      case 'marking-definition':
      case 'extension-definition':
      case 'relationship':
      case 'opinion':
        return;
      case 'threat-actor':
      case 'intrusion-set':
      case 'identity':
        return this.actor(o);
      case 'location':
        return this.location(o);
      case 'incident':
      case 'observed-data':
        return this.event(o);
      case 'note':
        return this.note(o);
      default:
        this.skip(o.type);
    }
  }

  private actor(o: StixObject): void {
    if (o.type === 'identity' && this.authorsOnly(o)) {
      this.skip('identity (author or system, not an actor)');
      return;
    }
    const e = this.ext(o) ?? {};
    const name = clip(text(o.name), MAX_NAME);
    const kind =
      enumValue(ActorKind, e.kind) ??
      (o.type === 'identity' ? actorKindOfIdentity(o.identity_class, o.sectors) : ActorKind.ARMED_GROUP);
    const aliases = [...new Set([...strings(e.aliases ?? o.aliases), ...strings(o.x_opencti_aliases)])]
      .map((alias) => clip(alias, MAX_NAME)!)
      .slice(0, 50);
    const actor: BundleActor = {
      id: this.register(o, this.graphId(o, name), EntityKind.ACTOR),
      name: name ?? 'Unnamed actor',
      kind,
      ...this.evidence(o, name ?? o.id),
    };
    if (aliases.length) actor.aliases = aliases;
    if (text(o.description)) actor.description = clip(text(o.description), MAX_TEXT);
    if (typeof e.country === 'string') actor.country = e.country;
    if (quantity(e.quantity)) actor.quantity = quantity(e.quantity);
    if (typeof e.plural === 'boolean') actor.plural = e.plural;
    this.actors.push(actor);
    this.origin.set(actor, o.id);
  }

  private location(o: StixObject): void {
    const e = this.ext(o) ?? {};
    const name = clip(text(o.name), MAX_NAME);
    const country = typeof o.country === 'string' && /^[A-Z]{2}$/.test(o.country) ? o.country : undefined;
    const kind =
      enumValue(LocationKind, e.kind) ??
      LOCATION_KIND_OF_OPENCTI.get(String(o.x_opencti_location_type)) ??
      (typeof o.latitude === 'number'
        ? LocationKind.CITY
        : country && !o.region
          ? LocationKind.COUNTRY
          : LocationKind.REGION);
    const location: BundleLocation = {
      id: this.register(o, this.graphId(o, name ?? country), EntityKind.LOCATION),
      name: name ?? country ?? 'Unnamed place',
      kind,
      ...this.evidence(o, name ?? o.id),
    };
    const aliases = strings(e.aliases ?? o.x_opencti_aliases).map((alias) => clip(alias, MAX_NAME)!);
    if (aliases.length) location.aliases = aliases.slice(0, 50);
    if (text(o.description)) location.description = clip(text(o.description), MAX_TEXT);
    const iso = this.ext(o) ? e.iso_code : kind === LocationKind.COUNTRY ? country : undefined;
    if (typeof iso === 'string') location.isoCode = iso;
    const latitude = this.ext(o) ? e.latitude : o.latitude;
    const longitude = this.ext(o) ? e.longitude : o.longitude;
    if (typeof latitude === 'number' && typeof longitude === 'number') {
      location.latitude = latitude;
      location.longitude = longitude;
    }
    this.locations.push(location);
    this.origin.set(location, o.id);
  }

  private event(o: StixObject): void {
    const e = this.ext(o) ?? {};
    const observed = o.type === 'observed-data';
    const title =
      clip(text(o.name), MAX_NAME) ??
      (observed
        ? `Observation: ${Number(o.number_observed ?? 1)} time(s) from ${String(o.first_observed ?? '').slice(0, 10)}`
        : 'Unnamed incident');
    const event: BundleEvent = {
      id: this.register(o, this.graphId(o, title), EntityKind.EVENT),
      type:
        enumValue(EventType, e.event_type) ??
        strings(o.labels)
          .map((label) => enumValue(EventType, label.toUpperCase().replaceAll('-', '_')))
          .find((type) => type !== undefined) ??
        EventType.OTHER,
      title,
      ...this.evidence(o, title),
    };
    if (text(o.description)) event.description = clip(text(o.description), MAX_TEXT);
    const start = this.ext(o) ? partialDate(e.start) : partialDate(observed ? o.first_observed : o.first_seen);
    const end = this.ext(o) ? partialDate(e.end) : partialDate(observed ? o.last_observed : o.last_seen);
    if (start) event.start = start;
    if (end) event.end = end;
    if (this.ext(o)) {
      if (quantity(e.quantity)) event.quantity = quantity(e.quantity);
      if (enumValue(EventStatus, e.status)) event.status = e.status as EventStatus;
    } else {
      // Written out, as the graph's own export writes it, so a re-import reads as unchanged.
      event.status = EventStatus.OCCURRED;
      if (observed && typeof o.number_observed === 'number')
        event.quantity = { measure: 'times observed', value: o.number_observed };
    }
    this.events.push(event);
    this.origin.set(event, o.id);
  }

  /** A note is a claim: the allegation of whoever made it, never a fact. */
  private note(o: StixObject): void {
    const e = this.ext(o) ?? {};
    const statement = clip(text(o.content) ?? text(o.abstract), MAX_TEXT) ?? 'Unstated claim';
    const allegation: BundleAllegation = {
      id: this.register(o, this.graphId(o, text(o.abstract) ?? statement), EntityKind.ALLEGATION),
      statement,
      claimTypes: strings(e.claim_types).filter((t) => enumValue(ClaimType, t)) as ClaimType[],
      status: enumValue(AllegationStatus, e.status) ?? AllegationStatus.ALLEGED,
      ...this.evidence(o, statement),
    };
    if (!allegation.claimTypes.length) allegation.claimTypes = [ClaimType.OTHER];
    const claim = typeof e.claim_credibility === 'number' ? e.claim_credibility : undefined;
    if (this.ext(o)) {
      if (claim !== undefined) allegation.claimCredibility = claim;
    } else {
      // A foreign note's confidence grades what it says; that it was said is graded 6 (not judged).
      allegation.claimCredibility = credibilityOf(o.confidence);
      allegation.credibility = 6;
    }
    const date = partialDate(e.date);
    if (date) allegation.date = date;
    this.allegations.push(allegation);
    this.origin.set(allegation, o.id);
  }

  private add(rel: BundleRelationship, why: string, from: StixObject): void {
    const rule = RELATIONSHIP_RULES[rel.type];
    if (!rule.from.includes(this.kindOf.get(rel.from)!) || !rule.to.includes(this.kindOf.get(rel.to)!)) {
      this.skip(`${why} (endpoints of the wrong kind for ${rel.type})`);
      return;
    }
    if (this.seen.has(relationshipId(rel))) {
      this.skip(`${why} (same relationship twice)`);
      return;
    }
    this.seen.add(relationshipId(rel));
    this.relationships.push(rel);
    this.origin.set(rel, from.id);
  }

  /** Pass 3: relationships, opinions, and the links of foreign notes. */
  private relationship(o: StixObject): void {
    const e = this.ext(o) ?? {};
    const stixType = clip(String(o.relationship_type), 60)!;
    const from = this.graphIdOf.get(String(o.source_ref));
    const to = this.graphIdOf.get(String(o.target_ref));
    if (!from || !to) return this.skip(`relationship ${stixType} (an end is not imported)`);
    const mapped = relationshipFromStix(stixType, from, to, this.kindOf);
    if (!mapped) return this.skip(`relationship ${stixType}`);
    const rel: BundleRelationship = { ...mapped, ...this.evidence(o, `${stixType} (STIX relationship)`) };
    const role = enumValue(ParticipationRole, e.role) ?? mapped.role;
    if (role) rel.role = role;
    const validFrom = this.ext(o) ? partialDate(e.valid_from) : partialDate(o.start_time);
    const validTo = this.ext(o) ? partialDate(e.valid_to) : partialDate(o.stop_time);
    if (validFrom) rel.validFrom = validFrom;
    if (validTo) rel.validTo = validTo;
    if (partialDate(e.date)) rel.date = partialDate(e.date);
    if (quantity(e.quantity)) rel.quantity = quantity(e.quantity);
    this.add(rel, `relationship ${stixType}`, o);
  }

  private opinion(o: StixObject, actorNamed: ReadonlyMap<string, string>): void {
    const e = this.ext(o) ?? {};
    const allegationIds = strings(o.object_refs)
      .map((ref) => this.graphIdOf.get(ref))
      .filter((id): id is string => id !== undefined && this.kindOf.get(id) === EntityKind.ALLEGATION);
    const denier =
      text(e.denied_by) ??
      this.graphIdOf.get(String(o.created_by_ref)) ??
      strings(o.authors)
        .map((author) => actorNamed.get(author.toLowerCase()))
        .find((id) => id !== undefined);
    if (
      !DISAGREEING_OPINIONS.includes(String(o.opinion)) ||
      !allegationIds.length ||
      !denier ||
      !this.kindOf.has(denier)
    )
      return this.skip('opinion (not a denial of an imported allegation by an imported actor)');
    for (const allegationId of allegationIds) {
      const rel: BundleRelationship = {
        type: RelationshipType.DENIES,
        from: denier,
        to: allegationId,
        ...this.evidence(o, clip(text(o.explanation), MAX_EXCERPT) ?? `${String(o.opinion)} (STIX opinion)`),
      };
      if (partialDate(e.date)) rel.date = partialDate(e.date);
      this.add(rel, 'opinion', o);
    }
  }

  /** A foreign note: whoever signed it alleges it, and it concerns what it refers to. */
  private noteLinks(o: StixObject, allegation: BundleAllegation): void {
    const link = (type: RelationshipType, from: string, to: string) =>
      this.add(
        {
          type,
          from,
          to,
          sourceIds: allegation.sourceIds,
          credibility: allegation.credibility,
          excerpt: allegation.excerpt,
          ...(allegation.tlp ? { tlp: allegation.tlp } : {}),
        },
        'note link',
        o,
      );
    const signer = this.graphIdOf.get(String(o.created_by_ref));
    if (signer && this.kindOf.get(signer) === EntityKind.ACTOR) link(RelationshipType.ALLEGES, signer, allegation.id);
    for (const ref of strings(o.object_refs)) {
      const target = this.graphIdOf.get(ref);
      const kind = target === undefined ? undefined : this.kindOf.get(target);
      if (target && target !== signer && kind !== EntityKind.SOURCE && kind !== EntityKind.ALLEGATION)
        link(RelationshipType.CONCERNS, allegation.id, target);
    }
  }

  private result(): StixConversion {
    const bundle = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      description: clip(`Imported from STIX 2.1 ${String(this.json.id ?? 'bundle')}`, MAX_TEXT),
      sources: this.sources,
      actors: this.actors,
      locations: this.locations,
      events: this.events,
      allegations: this.allegations,
      relationships: this.relationships,
    } as Bundle;
    return { bundle, skipped: Object.fromEntries(this.skips), originOf: (place) => this.originOf(bundle, place) };
  }

  /** Where the record at `place` (`actors[3]`) came from: worked out only for the records an error names. */
  private originOf(bundle: Bundle, place: string): StixOrigin | undefined {
    const match = /^(sources|actors|locations|events|allegations|relationships)\[(\d+)\]$/.exec(place);
    const record = match ? (bundle[match[1] as 'actors'][Number(match[2])] as object | undefined) : undefined;
    const stixId = record && this.origin.get(record);
    if (!stixId) return undefined;
    const path = `bundle.objects[${this.placeOf.get(stixId)}]`;
    const fromExtension = text(this.ext(this.byId.get(stixId)!)?.graph_id) === (record as { id?: string }).id;
    const idField = fromExtension ? `${path}.extensions["${SAHEL_EXTENSION_ID}"].graph_id` : `${path}.id`;
    return { object: stixId, path, idField };
  }
}

/** A STIX relationship in the model's terms: ours by name, and the common OpenCTI/MISP ones by meaning. */
function relationshipFromStix(
  stixType: string,
  from: string,
  to: string,
  kindOf: ReadonlyMap<string, EntityKind>,
): Pick<BundleRelationship, 'type' | 'from' | 'to' | 'role'> | undefined {
  const ours = RELATIONSHIP_TYPE_OF_STIX.get(stixType);
  if (ours) return { type: ours, from, to };
  const fromKind = kindOf.get(from);
  const toKind = kindOf.get(to);
  const { ACTOR, LOCATION, EVENT } = EntityKind;
  switch (stixType) {
    case 'attributed-to':
      if (fromKind === EVENT && toKind === ACTOR)
        return { type: RelationshipType.PARTICIPATED_IN, from: to, to: from, role: ParticipationRole.PERPETRATOR };
      if (fromKind === ACTOR && toKind === ACTOR) return { type: RelationshipType.AFFILIATED_WITH, from, to };
      return undefined;
    case 'targets':
      if (fromKind === EVENT && toKind === ACTOR)
        return { type: RelationshipType.PARTICIPATED_IN, from: to, to: from, role: ParticipationRole.TARGET };
      if (fromKind === EVENT && toKind === LOCATION) return { type: RelationshipType.OCCURRED_IN, from, to };
      if (fromKind === ACTOR && toKind === LOCATION) return { type: RelationshipType.OPERATES_IN, from, to };
      if (fromKind === ACTOR && toKind === ACTOR) return { type: RelationshipType.OPPOSES, from, to };
      return undefined;
    case 'located-at':
      if (fromKind === EVENT && toKind === LOCATION) return { type: RelationshipType.OCCURRED_IN, from, to };
      if (fromKind === ACTOR && toKind === LOCATION) return { type: RelationshipType.OPERATES_IN, from, to };
      if (fromKind === LOCATION && toKind === LOCATION) return { type: RelationshipType.PART_OF, from, to };
      return undefined;
    case 'cooperates-with':
      return fromKind === ACTOR && toKind === ACTOR ? { type: RelationshipType.AFFILIATED_WITH, from, to } : undefined;
    default:
      return undefined;
  }
}
