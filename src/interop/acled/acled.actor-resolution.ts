import { createHash } from 'node:crypto';
import type { BundleActor } from '../../bundle/format';
import type { Tx } from '../../db';
import { ActorKind, ID_MAX_LENGTH, LocationKind } from '../../model/vocabulary';
import { phraseQuery } from '../../search/lucene-query';
import { nameKey, readActorName, type AcledActorName } from './acled.actor-names';
import { ACTOR_TYPES } from './acled.codebook';
import type { AcledRepository, NameHit } from './acled.repository';
import type { AcledActorCell, AcledRow } from './acled.row-parser';

/**
 * Resolves ACLED's actor names (and the country and admin1 of each row) against the graph, one
 * batched lookup per chunk of rows (AcledRepository.lookUpNames), and allots new actors for the
 * names the graph does not know. Existing actors are linked, never rewritten; a new actor gets
 * the ACLED name as an alias, its kind from the inter1/inter2 code, and an id derived from its
 * name, so the next import finds it by that alias (or rebuilds the same record).
 */

export interface AcledEvidence {
  sourceId: string;
  credibility: number;
}

/** A slug id for `parts` ("acled", "Mali", "Kayes" -> "acled-mali-kayes"), shortened with a digest past 80 characters. */
export function acledId(...parts: string[]): string {
  const slug = parts
    .map((part) => nameKey(part).replace(/ /g, '-'))
    .filter(Boolean)
    .join('-');
  if (slug.length <= ID_MAX_LENGTH) return slug;
  const digest = createHash('sha256').update(slug).digest('hex').slice(0, 10);
  return `${slug.slice(0, ID_MAX_LENGTH - 11).replace(/-+$/, '')}-${digest}`;
}

interface NewActor {
  record: BundleActor;
  /** The kind came from an associated actor's slot; a principal slot seen later decides. */
  kindFromAssociate: boolean;
}

export class ActorResolution {
  /** ACLED name -> actor id, for every name seen so far. */
  private readonly actorIds = new Map<string, string>();
  /** Key -> id of an actor created by this import, so later rows and chunks reuse it. */
  private readonly newActorKeys = new Map<string, string>();
  private readonly newActors = new Map<string, NewActor>();
  /** Key of a country name -> existing country location id (null: none in the graph). */
  private readonly countries = new Map<string, string | null>();
  /** "<country id>|<admin1 key>" -> existing region id (null: none). */
  private readonly regions = new Map<string, string | null>();

  constructor(
    private readonly repository: AcledRepository,
    private readonly evidence: AcledEvidence,
  ) {}

  /** Looks up every name of `rows` not resolved yet, in one statement, and resolves them. */
  async resolve(tx: Tx, rows: AcledRow[]): Promise<void> {
    const pendingActors = new Map<string, { name: AcledActorName; cell: AcledActorCell; principal: boolean }>();
    const keys = new Set<string>();
    for (const row of rows) {
      const cells: Array<[AcledActorCell, boolean]> = [
        [row.actor1, true],
        ...(row.actor2 ? [[row.actor2, true] as [AcledActorCell, boolean]] : []),
        ...row.assocActors1.map((cell): [AcledActorCell, boolean] => [cell, false]),
        ...row.assocActors2.map((cell): [AcledActorCell, boolean] => [cell, false]),
      ];
      for (const [cell, principal] of cells) {
        if (this.actorIds.has(cell.name)) {
          if (principal) this.preferPrincipalKind(this.actorIds.get(cell.name)!, cell);
          continue;
        }
        const pending = pendingActors.get(cell.name);
        if (pending && (pending.principal || !principal)) continue;
        const name = readActorName(cell.name);
        pendingActors.set(cell.name, { name, cell, principal });
        name.keys.forEach((key) => keys.add(key));
        if (name.forcesOf) keys.add(nameKey(name.forcesOf));
      }
      const countryKey = nameKey(row.country);
      if (!this.countries.has(countryKey)) keys.add(countryKey);
      const countryId = this.countries.get(countryKey);
      const regionKnown = countryId === null || (countryId && this.regions.has(`${countryId}|${nameKey(row.admin1)}`));
      if (row.admin1 && !regionKnown) keys.add(nameKey(row.admin1));
    }
    const hits = await this.repository.lookUpNames(
      tx,
      [...keys].filter(Boolean).map((key) => ({ key, query: phraseQuery(key) })),
    );
    const byKey = exactHitsByKey(hits);

    for (const row of rows) {
      const countryKey = nameKey(row.country);
      if (!this.countries.has(countryKey)) {
        const country = firstId(
          byKey.get(countryKey),
          (hit) => hit.entityKind === 'LOCATION' && hit.kind === LocationKind.COUNTRY,
        );
        this.countries.set(countryKey, country);
      }
      const countryId = this.countries.get(countryKey);
      if (countryId && row.admin1) {
        const regionKey = `${countryId}|${nameKey(row.admin1)}`;
        if (!this.regions.has(regionKey)) {
          const region = firstId(
            byKey.get(nameKey(row.admin1)),
            (hit) =>
              hit.entityKind === 'LOCATION' && hit.kind === LocationKind.REGION && hit.parents.includes(countryId),
          );
          this.regions.set(regionKey, region);
        }
      }
    }
    for (const { name, cell, principal } of pendingActors.values()) {
      this.actorIds.set(cell.name, this.existingActor(name, byKey) ?? this.newActor(name, cell, principal));
    }
  }

  /** The actor id of an ACLED name resolved by `resolve`. */
  actorId(acledName: string): string {
    const id = this.actorIds.get(acledName);
    if (!id) throw new Error(`ACLED actor "${acledName}" was not resolved`);
    return id;
  }

  /** The existing country location named `country`, if the graph has one. */
  existingCountry(country: string): string | undefined {
    return this.countries.get(nameKey(country)) ?? undefined;
  }

  /** The existing region named `admin1` in the existing country `countryId`, if the graph has one. */
  existingRegion(countryId: string, admin1: string): string | undefined {
    return this.regions.get(`${countryId}|${nameKey(admin1)}`) ?? undefined;
  }

  /** The actors this import creates (or re-creates identically on a re-import of the same names). */
  createdActors(): BundleActor[] {
    return [...this.newActors.values()].map((actor) => actor.record);
  }

  private existingActor(name: AcledActorName, byKey: Map<string, NameHit[]>): string | undefined {
    for (const key of name.keys) {
      const id = firstId(byKey.get(key), (hit) => hit.entityKind === 'ACTOR');
      if (id) return id;
    }
    if (name.forcesOf) {
      const forces = (byKey.get(nameKey(name.forcesOf)) ?? [])
        .filter((hit) => hit.kind === LocationKind.COUNTRY || hit.kind === ActorKind.STATE)
        .flatMap((hit) => hit.forces);
      if (forces.length > 0) return [...new Set(forces)].sort()[0];
    }
    for (const key of name.keys) {
      const id = this.newActorKeys.get(key);
      if (id) return this.addAlias(id, name.acledName);
    }
    return undefined;
  }

  private newActor(name: AcledActorName, cell: AcledActorCell, principal: boolean): string {
    const id = acledId('acled', name.displayName);
    const existing = this.newActors.get(id);
    if (existing) return this.addAlias(id, name.acledName);
    const type = ACTOR_TYPES[cell.typeCode];
    const record = {
      id,
      name: name.displayName.slice(0, 200),
      aliases: name.acledName === name.displayName ? [] : [name.acledName.slice(0, 200)],
      kind: type?.kind ?? ActorKind.ORGANIZATION,
      plural: type?.plural ?? false,
      description: `An actor of ACLED's data${type ? ` (actor type ${cell.typeCode}: ${type.label})` : ''}, created by the ACLED import`,
      sourceIds: [this.evidence.sourceId],
      credibility: this.evidence.credibility,
      excerpt: `ACLED actor "${name.displayName}"`.slice(0, 1_000),
    } as BundleActor;
    this.newActors.set(id, { record, kindFromAssociate: !principal });
    for (const key of name.keys) if (!this.newActorKeys.has(key)) this.newActorKeys.set(key, id);
    return id;
  }

  private addAlias(id: string, acledName: string): string {
    const actor = this.newActors.get(id);
    if (actor && acledName !== actor.record.name) {
      const aliases = actor.record.aliases ?? [];
      if (!aliases.includes(acledName) && aliases.length < 50)
        actor.record.aliases = [...aliases, acledName.slice(0, 200)];
    }
    return id;
  }

  private preferPrincipalKind(id: string, cell: AcledActorCell): void {
    const actor = this.newActors.get(id);
    const type = ACTOR_TYPES[cell.typeCode];
    if (!actor?.kindFromAssociate || !type) return;
    actor.record.kind = type.kind;
    actor.record.plural = type.plural;
    actor.record.description = `An actor of ACLED's data (actor type ${cell.typeCode}: ${type.label}), created by the ACLED import`;
    actor.kindFromAssociate = false;
  }
}

/** Hits whose name or an alias has exactly the looked-up key (the index also finds longer names). */
function exactHitsByKey(hits: NameHit[]): Map<string, NameHit[]> {
  const byKey = new Map<string, NameHit[]>();
  for (const hit of hits) {
    const names = [hit.name, ...(hit.aliases ?? [])];
    if (!names.some((name) => nameKey(name) === hit.key)) continue;
    byKey.set(hit.key, [...(byKey.get(hit.key) ?? []), hit]);
  }
  return byKey;
}

/** The smallest id among the hits that pass `keep`: several equal names resolve the same way every time. */
function firstId(hits: NameHit[] | undefined, keep: (hit: NameHit) => boolean): string | null {
  const ids = (hits ?? []).filter(keep).map((hit) => hit.id);
  return ids.length ? ids.sort()[0] : null;
}
