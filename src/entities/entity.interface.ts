import type { ExcerptOffsets } from '../common/excerpt-offsets';
import { Field, ID, Int, InterfaceType } from 'type-graphql';
import { Node } from '../common/node.interface';
import { Retraction } from '../common/retraction.type';

/**
 * What every node of the graph answers: a stable slug id, a display name, its aliases, and its
 * evidence. `sources` and `relationships` are added by EntityResolver (batched field resolvers)
 * and inherited by every implementing type.
 */
@InterfaceType('Entity', {
  implements: Node,
  description: 'Anything in the graph: an actor, place, event, allegation or source',
})
export abstract class Entity implements Node {
  @Field(() => ID, { description: 'Stable, human-readable slug such as "jnim" or "nioro-du-sahel"' })
  id!: string;

  @Field({
    description:
      "Display name: an actor's or place's name, an event's title, a source's title, an allegation's statement",
  })
  name!: string;

  @Field(() => [String], { description: 'Other names and transliterations (Kiev/Kyiv, GSIM for JNIM)' })
  aliases!: string[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Information credibility of the claim that this entity is as described: 1 confirmed ... 6 cannot be judged (null for sources)',
  })
  credibility!: number | null;

  @Field(() => String, { nullable: true, description: 'The words of the source that back this entity' })
  excerpt!: string | null;

  /** Ids of the sources this entity cites (resolved to Source objects by EntityResolver). */
  sourceIds!: string[];

  /** Where the excerpt stands in a stored document, when it came from one (a document review). */
  excerptOffsets?: ExcerptOffsets | null;

  @Field({ description: 'When this entity entered the graph (ISO date-time)' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'When it last changed (ISO date-time)' })
  updatedAt!: string | null;

  @Field(() => Retraction, {
    nullable: true,
    description: 'Set when the entity was retracted (lists and traversals then hide it)',
  })
  retraction!: Retraction | null;
}
