import { Field, Int, ObjectType } from 'type-graphql';
import { Entity } from '../entities/entity.interface';

@ObjectType({ description: 'An entity and how many links it has: a place to start exploring' })
export class Hub {
  @Field(() => Entity)
  entity!: Entity;

  @Field(() => Int, {
    description:
      'Its links the caller can see, in both directions, to entities the caller can see: evidence links (REPORTED_BY, CITES) and retracted links or ends left out',
  })
  degree!: number;
}
