import { Field, ObjectType } from 'type-graphql';
import { PartialDateType } from '../common/partial-date.type';
import { Quantity } from '../common/quantity.type';
import { Node } from '../common/node.interface';
import { Entity } from '../entities/entity.interface';
import { EventStatus, EventType } from '../model/vocabulary';

@ObjectType({
  implements: [Node, Entity],
  description: 'What happened: a blockade, an abduction, airstrikes, a coup, a legal action ...',
})
export class Event extends Entity {
  @Field(() => EventType)
  type!: EventType;

  @Field(() => EventStatus, { description: 'Whether it happened: only OCCURRED and ONGOING events are facts' })
  status!: EventStatus;

  @Field({ description: 'Same as name' })
  title!: string;

  @Field(() => PartialDateType, { nullable: true, description: 'When it began, as precisely as reported' })
  start!: PartialDateType | null;

  @Field(() => PartialDateType, { nullable: true, description: 'When it ended; null while ongoing or unknown' })
  end!: PartialDateType | null;

  @Field(() => Quantity, { nullable: true, description: 'A reported count, e.g. six drivers abducted' })
  quantity!: Quantity | null;
}
