import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The service and the graph it serves' })
export class About {
  @Field({ description: 'Service version (package.json)' })
  version!: string;

  @Field(() => Int, { description: 'Entities in the graph (actors, places, events, allegations, sources)' })
  nodeCount!: number;

  @Field(() => Int, { description: 'Relationships between entities, evidence links included' })
  relationshipCount!: number;

  @Field(() => [String], { description: 'Schema migrations applied to the graph, in order' })
  migrations!: string[];
}
