import { toNeo4jDate } from '../db';
import { decodeCursor, type Page } from '../common/cursor';
import { FilterClauses } from '../db';
import { int, VISIBLE, type Database, type Visibility } from '../db';
import { BadUserInputError } from '../errors';
import { toEntity, type NodeRecord } from '../entities/entity.mapper';
import type { Event } from '../events/event.type';
import type { Location } from '../locations/location.type';
import { visiblePartOfChain } from '../locations/location.repository';
import type { Actor } from '../actors/actor.type';
import { withinPeriod } from '../events/event.repository';
import type { ParticipationRole } from '../model/vocabulary';
import type { TimelineArgs } from './timeline.args';
import type { TimelineEntry } from './timeline.type';

const UNDATED = '9999-12-31';
/** The actor asked for takes part, visibly: a hidden participation must not decide what is listed. */
const PARTICIPANT = `EXISTS { MATCH (x:Actor {id: $actorId})-[r:PARTICIPATED_IN]->(n) WHERE ${VISIBLE('x')} AND ${VISIBLE('r')} }`;
/** The event happened in the place asked for or a place within it, through visible links and places only. */
const IN_PLACE = `EXISTS { MATCH (n)-[o:OCCURRED_IN|DISRUPTS]->${visiblePartOfChain('l:Location', 0, '$locationId')} WHERE ${VISIBLE('o')} AND ${VISIBLE('l')} }`;
/** Longest FOLLOWS chain read when ordering (bounded work). */
export const MAX_SEQUENCE = 10;
const SEQUENCE = `((a)-[f:FOLLOWS]->(b) WHERE f.retracted IS NULL AND b.retracted IS NULL AND ${VISIBLE('f')} AND ${VISIBLE('b')}){1,${MAX_SEQUENCE}}`;

/**
 * Events in date order, honouring explicit sequence (FOLLOWS: "the blockade follows the
 * abduction"). Each event sorts by the earliest day its start can mean (a "2025" event at the
 * start of 2025, shown with precision YEAR), raised to the latest such day of any event it
 * follows (so within overlapping ranges a later event never sorts first); an undated event takes
 * the latest date of the events it follows, or else the earliest date of the events that follow
 * it, and is last only when no link places it. Ties break by how many FOLLOWS links lead back
 * from the event (what comes after sorts after), then by id. FOLLOWS chains are read up to
 * 10 links (MAX_SEQUENCE). Participants and places are folded into the same statement.
 */
export function timelineStatement(where: string[]): string {
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return `
CALL () {
  MATCH (n:Event) ${filter}
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Event) ${filter}
  WITH n,
    COLLECT { MATCH (n) ${SEQUENCE} (m:Event) WHERE m.startDate IS NOT NULL RETURN m.startDate } AS earlier,
    COLLECT { MATCH (m:Event) ${SEQUENCE} (n) WHERE m.startDate IS NOT NULL RETURN m.startDate } AS later,
    coalesce(COLLECT { MATCH p = (n) ${SEQUENCE} (:Event) RETURN length(p) ORDER BY length(p) DESC LIMIT 1 }[0], 0) AS depth
  WITH n, depth, CASE
      WHEN n.startDate IS NOT NULL THEN reduce(latest = n.startDate, d IN earlier | CASE WHEN d > latest THEN d ELSE latest END)
      WHEN size(earlier) > 0 THEN reduce(latest = earlier[0], d IN earlier | CASE WHEN d > latest THEN d ELSE latest END)
      WHEN size(later) > 0 THEN reduce(first = later[0], d IN later | CASE WHEN d < first THEN d ELSE first END)
      ELSE date('${UNDATED}') END AS sortDate
  WHERE $afterDate IS NULL OR sortDate > $afterDate OR (sortDate = $afterDate AND (depth > $afterDepth OR (depth = $afterDepth AND n.id > $afterId)))
  WITH n, sortDate, depth ORDER BY sortDate, depth, n.id LIMIT $limit
  RETURN collect({
    sortKey: toString(sortDate) + '|' + toString(depth) + '|' + n.id,
    event: {props: properties(n), labels: labels(n)},
    participants: [(a:Actor)-[r:PARTICIPATED_IN]->(n) WHERE a.retracted IS NULL AND r.retracted IS NULL AND ${VISIBLE('a')} AND ${VISIBLE('r')} |
                   {actor: {props: properties(a), labels: labels(a)}, role: r.role}],
    places: [(n)-[r:OCCURRED_IN|DISRUPTS]->(l:Location) WHERE l.retracted IS NULL AND r.retracted IS NULL AND ${VISIBLE('l')} AND ${VISIBLE('r')} |
             {props: properties(l), labels: labels(l)}]
  }) AS items
}
RETURN total, items`;
}

interface EntryRow {
  sortKey: string;
  event: NodeRecord;
  participants: Array<{ actor: NodeRecord; role: ParticipationRole }>;
  places: NodeRecord[];
}

export class TimelineRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  async timeline(args: TimelineArgs): Promise<Page<TimelineEntry>> {
    const clause = new FilterClauses()
      .when(args.actorId, PARTICIPANT, { actorId: args.actorId })
      .when(args.locationId, IN_PLACE, { locationId: args.locationId })
      .when(args.types, 'n.type IN $types', { types: args.types })
      .when(true, 'n.retracted IS NULL', {})
      .when(true, VISIBLE('n'), await this.visibility.params());
    withinPeriod(clause, args.from, args.to);
    const after = decodeCursor(args.after);
    const [afterDate, afterDepth, afterId] = after ? after.split('|') : [null, null, null];
    if (after && (!afterId || !/^\d{4}-\d{2}-\d{2}$/.test(afterDate ?? '') || !/^\d{1,2}$/.test(afterDepth ?? ''))) {
      throw BadUserInputError.field('after', 'is not a timeline cursor (use pageInfo.endCursor)');
    }
    const [row] = await this.db.read<{ total: number; items: EntryRow[] }>(
      'traversal.timeline',
      timelineStatement(clause.where),
      {
        ...clause.params,
        afterDate: afterDate ? toNeo4jDate(afterDate) : null,
        afterDepth: int(Number(afterDepth ?? 0)),
        afterId,
        limit: int(args.first + 1),
      },
    );
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    return {
      totalCount: row.total,
      hasNextPage: row.items.length > args.first,
      items: row.items.slice(0, args.first).map((item) => ({
        sortKey: item.sortKey,
        event: toEntity(item.event) as Event,
        participants: item.participants
          .map((p) => ({ actor: toEntity(p.actor) as Actor, role: p.role }))
          .sort((a, b) => byId(a.actor, b.actor)),
        // An event can both occur in and disrupt a place: list each place once.
        places: (
          [...new Map(item.places.map((place) => [String(place.props.id), place])).values()].map(toEntity) as Location[]
        ).sort(byId),
      })),
    };
  }
}
