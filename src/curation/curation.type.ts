import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Entity } from '../entities/entity.interface';

@ObjectType({ description: 'How many records a write created, updated or found unchanged' })
export class WriteCounts {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;
}

@ObjectType({ description: 'The outcome of importBundle' })
export class ImportResult {
  @Field({ description: 'True when nothing was written (validation and counting only)' })
  dryRun!: boolean;

  @Field(() => WriteCounts)
  nodes!: WriteCounts;

  @Field(() => WriteCounts, { description: 'Including the REPORTED_BY links derived from sourceIds' })
  relationships!: WriteCounts;
}

@ObjectType({ description: 'The outcome of mergeEntities' })
export class MergeResult {
  @Field(() => Entity, { description: 'The entity that stays, with the combined aliases and sources' })
  entity!: Entity;

  @Field(() => [String], {
    description: 'The ids merged into it (they now resolve to retracted records pointing here)',
  })
  merged!: string[];

  @Field(() => Int, { description: 'Relationships moved to the entity' })
  relationshipsMoved!: number;
}

@ObjectType({ description: 'One change to an entity or relationship: who, when, what' })
export class Change {
  @Field({ description: 'ISO date-time' })
  at!: string;

  @Field({ description: 'The identity that wrote it ("anonymous" until roles exist, "system" for the seed)' })
  who!: string;

  @Field({ description: 'The operation: a mutation name, importBundle, seed' })
  operation!: string;

  @Field({ description: 'CREATED or UPDATED' })
  change!: string;

  @Field({ description: 'The entity label or relationship type changed' })
  targetType!: string;

  @Field(() => [String], { description: 'Properties this change set or altered' })
  changedFields!: string[];

  @Field({
    description:
      'The record as written, as JSON in the bundle format (for an import run without per-record history: the run id)',
  })
  record!: string;

  @Field(() => String, { nullable: true, description: 'The import run that wrote it (`npm run import`), if any' })
  importRun?: string | null;
}

@ObjectType({
  description:
    'One change among the newest in the graph: who, when, what, and the entities it touched (to open them). The record as written is in history(id: targetId)',
})
export class RecentChange {
  @Field({ description: 'ISO date-time' })
  at!: string;

  @Field({ description: 'The identity that wrote it ("system" for the seed)' })
  who!: string;

  @Field({ description: 'The operation: a mutation name, importBundle, seed, retract' })
  operation!: string;

  @Field({ description: 'CREATED or UPDATED' })
  change!: string;

  @Field({ description: 'The entity label or relationship type changed' })
  targetType!: string;

  @Field(() => ID, { description: 'The entity or relationship id changed (history(id) gives the whole record)' })
  targetId!: string;

  @Field(() => [Entity], { description: 'The entity changed, or a relationship’s two ends (from, to)' })
  entities!: Entity[];
}
