import { Field, ObjectType } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { Connection } from '../common/connection';
import { Event } from '../events/event.type';
import { Location } from '../locations/location.type';
import { ParticipationRole } from '../model/vocabulary';

@ObjectType({ description: 'An actor taking part in an event, and in what role' })
export class Participant {
  @Field(() => Actor)
  actor!: Actor;

  @Field(() => ParticipationRole)
  role!: ParticipationRole;
}

@ObjectType({ description: 'An event on a timeline, with who took part and where (sources are on the event)' })
export class TimelineEntry {
  @Field(() => Event)
  event!: Event;

  @Field(() => [Participant])
  participants!: Participant[];

  @Field(() => [Location], { description: 'Where it occurred and what places it disrupted' })
  places!: Location[];

  /** Keyset paging key: sort day (9999-12-31 when nothing dates or places it), FOLLOWS depth and id. */
  sortKey!: string;
}

@ObjectType()
export class TimelineConnection extends Connection(TimelineEntry, 'TimelineEntry') {}
