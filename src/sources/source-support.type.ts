import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Entity } from '../entities/entity.interface';
import { RelationshipType } from '../model/vocabulary';

@ObjectType({ description: 'A relationship cited by a source, with both its ends' })
export class CitedRelationship {
  @Field(() => ID)
  id!: string;

  @Field(() => RelationshipType)
  type!: RelationshipType;

  @Field(() => Entity)
  from!: Entity;

  @Field(() => Entity)
  to!: Entity;

  @Field(() => Int)
  credibility!: number;

  @Field()
  excerpt!: string;
}

@ObjectType({ description: 'What a source backs: the entities that cite it and the relationships that cite it' })
export class SourceSupport {
  @Field(() => Int)
  entityCount!: number;

  @Field(() => Int)
  relationshipCount!: number;

  @Field(() => [Entity], { description: 'Entities citing this source (first N by id)' })
  entities!: Entity[];

  @Field(() => [CitedRelationship], {
    description: 'Relationships citing this source (first N by id), evidence links excluded',
  })
  relationships!: CitedRelationship[];
}
