import { Field, Float, ObjectType } from 'type-graphql';
import { Entity } from '../entities/entity.interface';

@ObjectType({ description: 'A search hit, best first' })
export class SearchHit {
  @Field(() => Entity)
  entity!: Entity;

  @Field(() => Float, { description: 'Relevance (Lucene score); only the order is meaningful' })
  score!: number;

  @Field({ description: 'The name or alias that matched, e.g. "Kyiv" for Ukraine' })
  matched!: string;
}
