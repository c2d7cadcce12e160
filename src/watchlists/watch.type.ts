import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type';
import { AlertReason, WatchKind } from './watch-kind';

registerEnumType(WatchKind, { name: 'WatchKind', description: 'An entity, or a pair and the best path between them' });
registerEnumType(AlertReason, {
  name: 'AlertReason',
  description: 'What differs between the last answer of a watch and the new one (docs/watchlists.md)',
});

@ObjectType({ description: "A pair watch's answer: the best path as shortestPath gives it at the owner's clearance" })
export class WatchAnswer {
  @Field({ description: 'Whether a path was found within maxHops' })
  found!: boolean;

  @Field(() => Int, { nullable: true })
  length!: number | null;

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => String, { nullable: true, description: "The path's sentences, as shortestPath's explanation" })
  explanation!: string | null;
}

@ObjectType({ description: 'Something you follow: an entity, or a pair of entities (docs/watchlists.md)' })
export class Watch {
  @Field(() => ID)
  id!: string;

  @Field(() => WatchKind)
  kind!: WatchKind;

  @Field(() => ID, { nullable: true, description: 'The watched entity (ENTITY)' })
  entityId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Where the path starts (PAIR)' })
  fromId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Where the path ends (PAIR)' })
  toId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Longest path considered (PAIR)' })
  maxHops!: number | null;

  @Field(() => Int, { nullable: true, description: 'Links graded this credible or better only (PAIR)' })
  minCredibility!: number | null;

  @Field({ description: 'ISO date-time the watch was made' })
  createdAt!: string;

  @Field(() => WatchAnswer, { nullable: true, description: 'The last answer the watcher recorded (PAIR)' })
  answer!: WatchAnswer | null;
}

@ObjectType({ description: 'A committed change that caused an alert' })
export class AlertCause {
  @Field(() => Float, { description: 'Its sequence in the change feed' })
  sequence!: number;

  @Field({ description: 'Its ChangeKind' })
  kind!: string;

  @Field(() => ID)
  targetId!: string;

  @Field()
  targetType!: string;
}

@ObjectType({ description: "A change in one of your watches' answers, with the answer before and after" })
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Pass as `after` for the older alerts' })
  cursor!: string;

  @Field(() => Float, { description: 'Increases with every alert recorded: newer alerts have higher numbers' })
  number!: number;

  @Field({ description: 'ISO date-time the watcher recorded it' })
  at!: string;

  @Field(() => ID)
  watchId!: string;

  @Field(() => WatchKind)
  kind!: WatchKind;

  @Field(() => ID, { nullable: true })
  entityId!: string | null;

  @Field(() => ID, { nullable: true })
  fromId!: string | null;

  @Field(() => ID, { nullable: true })
  toId!: string | null;

  @Field(() => [AlertReason])
  reasons!: AlertReason[];

  @Field(() => WatchAnswer, { nullable: true, description: 'The answer before (PAIR)' })
  before!: WatchAnswer | null;

  @Field(() => WatchAnswer, { nullable: true, description: 'The answer after (PAIR)' })
  after!: WatchAnswer | null;

  @Field(() => [AlertCause], { description: 'The changes (at most 20) the watcher read when it found this' })
  causes!: AlertCause[];
}

@ObjectType({ description: 'A page of your alerts, newest first' })
export class AlertPage {
  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [Alert])
  nodes!: Alert[];
}
