import { FilterClauses } from '../db';
import { int, VISIBLE, visibleIds, type VisibilityParams } from '../db';
import { EntityKindRepository } from '../entities/entity-kind.repository';
import { toEntity, type AnyEntity, type NodeRecord } from '../entities/entity.mapper';
import { EntityKind } from '../model/vocabulary';
import type { AllegationsArgs } from './allegation.args';
import type { Allegation } from './allegation.type';

export interface AllegationLink {
  node: AnyEntity;
  sourceIds: string[];
  credibility: number;
  excerpt: string;
  date: string | null;
}

export interface AllegationDetails {
  accusers: AllegationLink[];
  accused: AllegationLink[];
  concerns: AllegationLink[];
  denials: AllegationLink[];
}

interface LinkRow {
  node: NodeRecord;
  rel: Record<string, unknown>;
}

const toLink = ({ node, rel }: LinkRow, visible: VisibilityParams): AllegationLink => ({
  node: toEntity(node),
  sourceIds: visibleIds(rel.sourceIds, visible),
  credibility: Number(rel.credibility),
  excerpt: String(rel.excerpt ?? ''),
  date: rel.date === null || rel.date === undefined ? null : String(rel.date),
});

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

export class AllegationRepository extends EntityKindRepository<Allegation, AllegationsArgs> {
  protected readonly kind = EntityKind.ALLEGATION;

  async details(ids: readonly string[]): Promise<Array<AllegationDetails | null>> {
    const visible = await this.entities.visibility.params();
    const rows = await this.db.read<{
      allegationId: string;
      accusers: LinkRow[];
      accused: LinkRow[];
      concerns: LinkRow[];
      denials: LinkRow[];
    }>('allegations.details', ALLEGATION_DETAILS, { ids: [...ids], ...visible });
    const link = (row: LinkRow) => toLink(row, visible);
    const found = new Map(
      rows.map((row) => [
        row.allegationId,
        {
          accusers: row.accusers.map(link),
          accused: row.accused.map(link),
          concerns: row.concerns.map(link),
          denials: row.denials.map(link),
        },
      ]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  async ofActors(ids: readonly string[], limit: number): Promise<Array<{ made: Allegation[]; against: Allegation[] }>> {
    const rows = await this.db.read<{ actorId: string; made: NodeRecord[]; against: NodeRecord[] }>(
      'allegations.ofActors',
      ALLEGATIONS_OF_ACTORS,
      { ids: [...ids], limit: int(limit), ...(await this.entities.visibility.params()) },
    );
    const found = new Map(
      rows.map((row) => [
        row.actorId,
        {
          made: (row.made.map(toEntity) as Allegation[]).sort(byId),
          against: (row.against.map(toEntity) as Allegation[]).sort(byId),
        },
      ]),
    );
    return ids.map((id) => found.get(id) ?? { made: [], against: [] });
  }

  protected where({
    accuserId,
    accusedId,
    includeSubordinates,
    concerningId,
    status,
    filter,
  }: AllegationsArgs): FilterClauses {
    // The links a filter follows must be visible too, or the filter would tell that a hidden one exists.
    const accused = includeSubordinates ? ACCUSES_OR_ITS_PARTS : LINKED('(n)-[r:ACCUSES]->(x:Actor {id: $accusedId})');
    const clause = new FilterClauses()
      .when(accuserId, LINKED('(x:Actor {id: $accuserId})-[r:ALLEGES]->(n)'), { accuserId })
      .when(accusedId, accused, { accusedId })
      .when(concerningId, LINKED('(n)-[r:CONCERNS]->(x:Entity {id: $concerningId})'), { concerningId })
      .when(status, 'n.status = $status', { status });
    return this.textOf(filter, clause)
      .when(filter?.statuses, 'n.status IN $statuses', { statuses: filter?.statuses })
      .when(filter?.claimTypes, 'any(claim IN n.claimTypes WHERE claim IN $claimTypes)', {
        claimTypes: filter?.claimTypes,
      });
  }

  /** With accusedId and includeSubordinates, each item of a page names the parts it accuses. */
  protected override async complete(items: Allegation[], { accusedId, includeSubordinates }: AllegationsArgs) {
    if (accusedId && includeSubordinates && items.length > 0) await this.markAccusedParts(items, accusedId);
  }

  private async markAccusedParts(items: Allegation[], accusedId: string): Promise<void> {
    const rows = await this.db.read<{ id: string; parts: string[] }>('allegations.accusedParts', ACCUSED_PARTS, {
      ids: items.map((item) => item.id),
      accusedId,
      ...(await this.entities.visibility.params()),
    });
    const parts = new Map(rows.map((row) => [row.id, [...row.parts].sort()]));
    for (const item of items) item.accusedParts = parts.get(item.id) ?? [];
  }
}

/** `pattern` (naming its link r and its far end x) exists and the caller may see both. */
const LINKED = (pattern: string) => `EXISTS { MATCH ${pattern} WHERE ${VISIBLE('r')} AND ${VISIBLE('x')} }`;

/** A part of an actor: an actor SUBORDINATE_TO it, up to three levels down. */
const PARTS_OF_ACCUSED = `(part:Actor)-[:SUBORDINATE_TO]->{1,3}(:Actor {id: $accusedId})`;

const LIVE_PART = `r.retracted IS NULL AND part.retracted IS NULL AND ${VISIBLE('r')} AND ${VISIBLE('part')}`;

const ACCUSES_OR_ITS_PARTS = `(${LINKED('(n)-[r:ACCUSES]->(x:Actor {id: $accusedId})')} OR EXISTS { MATCH (n)-[r:ACCUSES]->${PARTS_OF_ACCUSED} WHERE ${LIVE_PART} })`;

/** For each allegation, the parts of the accused it accuses when it does not accuse the accused itself. */
export const ACCUSED_PARTS = `
UNWIND $ids AS allegationId
MATCH (n:Allegation {id: allegationId})
WHERE NOT EXISTS { (n)-[:ACCUSES]->(:Actor {id: $accusedId}) }
RETURN allegationId AS id, COLLECT { MATCH (n)-[r:ACCUSES]->${PARTS_OF_ACCUSED} WHERE ${LIVE_PART} RETURN DISTINCT part.id } AS parts`;

/** Live and visible: the other end `x` and the link `r` of an allegation's detail. */
const SHOWN = (x: string) => `${x}.retracted IS NULL AND r.retracted IS NULL AND ${VISIBLE(x)} AND ${VISIBLE('r')}`;

/** Who alleges, whom it accuses, what it concerns and who denies it, for many allegations at once. */
export const ALLEGATION_DETAILS = `
UNWIND $ids AS allegationId
MATCH (al:Allegation {id: allegationId})
RETURN allegationId,
  [(a)-[r:ALLEGES]->(al) WHERE ${SHOWN('a')} | {node: {props: properties(a), labels: labels(a)}, rel: properties(r)}] AS accusers,
  [(al)-[r:ACCUSES]->(x) WHERE ${SHOWN('x')} | {node: {props: properties(x), labels: labels(x)}, rel: properties(r)}] AS accused,
  [(al)-[r:CONCERNS]->(x) WHERE ${SHOWN('x')} | {node: {props: properties(x), labels: labels(x)}, rel: properties(r)}] AS concerns,
  [(d)-[r:DENIES]->(al) WHERE ${SHOWN('d')} | {node: {props: properties(d), labels: labels(d)}, rel: properties(r)}] AS denials`;

/** Allegations each actor makes and faces (capped per actor), for many actors at once. */
export const ALLEGATIONS_OF_ACTORS = `
UNWIND $ids AS actorId
MATCH (a:Actor {id: actorId})
RETURN actorId,
  [(a)-[r:ALLEGES]->(al:Allegation) WHERE ${SHOWN('al')} | {props: properties(al), labels: labels(al)}][0..$limit] AS made,
  [(al:Allegation)-[r:ACCUSES]->(a) WHERE ${SHOWN('al')} | {props: properties(al), labels: labels(al)}][0..$limit] AS against`;
