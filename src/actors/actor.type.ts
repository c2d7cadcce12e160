import { Field, ObjectType } from 'type-graphql';
import { Quantity } from '../common/quantity.type';
import { Node } from '../common/node.interface';
import { Entity } from '../entities/entity.interface';
import { ActorKind } from '../model/vocabulary';

@ObjectType({
  implements: [Node, Entity],
  description: 'Who acts: a state, an armed group, an alliance, an agency, a force, a person',
})
export class Actor extends Entity {
  @Field(() => ActorKind)
  kind!: ActorKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the state it belongs to' })
  country!: string | null;

  @Field(() => Quantity, { nullable: true, description: 'For a group: how many people it stands for' })
  quantity!: Quantity | null;

  @Field({ description: 'True when the name is a plural noun ("French forces"): explanations say "are", not "is"' })
  plural!: boolean;
}
