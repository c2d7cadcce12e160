import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { selectsTotal, toConnection } from '../common/connection';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { RelationshipsArgs } from '../relationships/relationship.args';
import { relationshipQueryOf } from '../relationships/relationship.repository';
import { RelationshipConnection } from '../relationships/relationship.type';
import { citedSources } from '../sources/cited-sources';
import { Source } from '../sources/source.type';
import { Entity } from './entity.interface';
import { requireEntity } from '../graphql/required-entities';
import { relationshipProjectionIn } from '../graphql/projections';

/** `entity(id)` and the fields every entity shares; nested fields go through the loaders. */
@Resolver(() => Entity)
export class EntityResolver {
  @Query(() => Entity, {
    // Nullable although never null: a NOT_FOUND nulls this field only, not its siblings.
    nullable: true,
    description:
      'Any entity by id: actor, location, event, allegation or source; NOT_FOUND (extensions.field "id") when unknown or hidden from the caller',
  })
  entity(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Entity> {
    return requireEntity(loaders, 'id', id);
  }

  @FieldResolver(() => [Source], { description: 'The sources this entity cites (empty for a source itself)' })
  async sources(@Root() entity: Entity, @Ctx() { loaders }: RequestContext): Promise<Source[]> {
    return citedSources(loaders, entity.sourceIds);
  }

  @FieldResolver(() => RelationshipConnection, {
    complexity: listCost(20, 100),
    description:
      'Relationships of this entity, each with its direction, the other end, sources, credibility and excerpt',
  })
  async relationships(
    @Root() entity: Entity,
    @Args() args: RelationshipsArgs,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RelationshipConnection> {
    const { after } = args;
    // A list that folded this field into its statement has primed the loader with this very key.
    const page = await loaders.relationships.load({
      id: entity.id,
      query: relationshipQueryOf(args, selectsTotal(info), relationshipProjectionIn(info.fieldNodes, info.fragments)),
    });
    const { totalCount, totalCountIsExact, pageInfo } = toConnection(page, (rel) => rel.id, after);
    return { totalCount: totalCount ?? 0, totalCountIsExact, pageInfo, edges: page.items, nodes: page.items };
  }
}
