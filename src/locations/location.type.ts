import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../common/node.interface';
import { Entity } from '../entities/entity.interface';
import { LocationKind } from '../model/vocabulary';

@ObjectType({
  implements: [Node, Entity],
  description: 'Where: a country (territory, not its government), region, city or corridor',
})
export class Location extends Entity {
  @Field(() => LocationKind)
  kind!: LocationKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code (countries)' })
  isoCode!: string | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;
}
