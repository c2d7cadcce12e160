import { createHash } from 'node:crypto';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type BundleActor,
  type BundleAllegation,
  type BundleEvent,
  type BundleLocation,
  type BundleRelationship,
  type BundleSource,
  relationshipId,
} from '../../../bundle/format';
import {
  EntityKind,
  ID_MAX_LENGTH,
  ID_PATTERN,
  RELATIONSHIP_RULES,
  Reliability,
  SourceKind,
  Tlp as TlpLevel,
  type Tlp,
} from '../../../model/vocabulary';
import { SAHEL_EXTENSION_ID } from '../stix-ids';
import { credibilityOf, type StixObject } from '../stix-mapping';
import { loosestTlp, strictestTlp, tlpAbove, tlpOfMarking } from '../stix-markings';
import {
  clip,
  enumValue,
  MAX_EXCERPT,
  MAX_NAME,
  MAX_REASON,
  MAX_SKIP_REASONS,
  MAX_TEXT,
  own,
  type Plain,
  slugFor,
  strings,
  text,
} from './import-helpers';

/**
 * One conversion's state, shared by the converters of each STIX type (one file per concern in this
 * folder): the objects (latest version of each), what each became, and the bundle's sections as
 * they fill; with the steps every converter takes (graph ids, sources cited, TLP levels, skips).
 */

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
export class StixImportContext {
  private readonly skips = new Map<string, number>();
  readonly objects: StixObject[];
  readonly byId = new Map<string, StixObject>();
  private readonly placeOf = new Map<string, number>();
  readonly graphIdOf = new Map<string, string>();
  readonly kindOf = new Map<string, EntityKind>();
  readonly tlpOfSource = new Map<string, Tlp | undefined>();
  readonly containers = new Map<string, string[]>();
  readonly origin = new Map<object, string>();
  private readonly seen = new Set<string>();
  readonly authorsOnly: (o: StixObject) => boolean;
  private bundleSource: BundleSource | undefined;
  private actorsByName: Map<string, string> | undefined;
  private allegationsById: Map<string, BundleAllegation> | undefined;
  readonly sources: BundleSource[] = [];
  readonly actors: BundleActor[] = [];
  readonly locations: BundleLocation[] = [];
  readonly events: BundleEvent[] = [];
  readonly allegations: BundleAllegation[] = [];
  readonly relationships: BundleRelationship[] = [];

  constructor(
    readonly json: Plain,
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

  skip(reason: string): void {
    const listed = this.skips.has(reason) || this.skips.size < MAX_SKIP_REASONS;
    const key = listed ? clip(reason, MAX_REASON)! : 'other kinds of object (more than are listed)';
    this.skips.set(key, (this.skips.get(key) ?? 0) + 1);
  }

  /** The sahel-graph extension of an object (an own property, never one inherited from Object). */
  ext(o: StixObject): Plain | undefined {
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
  markingTlp(o: StixObject): Tlp | undefined {
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
  itemTlp(o: StixObject, sourceIds: string[]): Tlp | undefined {
    const marked = this.markingTlp(o);
    const levels = sourceIds.map((id) => this.tlpOfSource.get(id) ?? TlpLevel.CLEAR);
    const warranted = this.ext(o) ? strictestTlp(levels) : loosestTlp(levels);
    const kept = [
      ...(marked && tlpAbove(marked, warranted) ? [marked] : []),
      ...(enumValue(TlpLevel, this.ext(o)?.tlp) ? [this.ext(o)!.tlp as Tlp] : []),
    ];
    return kept.length ? strictestTlp(kept) : undefined;
  }

  graphId(o: StixObject, name: string | undefined): string {
    const id = text(this.ext(o)?.graph_id);
    return id && ID_PATTERN.test(id) && id.length <= ID_MAX_LENGTH ? id : slugFor(o, name);
  }

  register(o: StixObject, id: string, kind: EntityKind): string {
    this.graphIdOf.set(o.id, id);
    this.kindOf.set(id, kind);
    return id;
  }

  sourceIdsOf(o: StixObject): string[] {
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
  evidence(o: StixObject, fallbackExcerpt: string) {
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

  add(rel: BundleRelationship, why: string, from: StixObject): void {
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

  result(): StixConversion {
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

  /** An actor's graph id by its name, in any case: asked in pass 3, once every actor is converted. */
  actorNamed(name: string): string | undefined {
    this.actorsByName ??= new Map(this.actors.map((actor) => [actor.name.toLowerCase(), actor.id]));
    return this.actorsByName.get(name.toLowerCase());
  }

  /** An allegation by its graph id: asked in pass 3, once every allegation is converted. */
  allegationWithId(id: string): BundleAllegation | undefined {
    this.allegationsById ??= new Map(this.allegations.map((allegation) => [allegation.id, allegation]));
    return this.allegationsById.get(id);
  }
}
