import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, type ClassType, Ctx, ID, Info, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, selectsTotal, toConnection, type ConnectionValue } from '../common/connection';
import type { CountRequest, Page } from '../common/cursor';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import type { Repositories } from '../graphql/repositories';
import type { AnyEntity } from './entity.mapper';
import { requireEntity } from '../graphql/required-entities';
import { foldableRelationships, primeRelationships } from '../graphql/nested-relationships';
import { listItemProperties } from '../graphql/projections';
import type { RelationshipQuery } from '../relationships/relationship.repository';
import type { Relationship } from '../relationships/relationship.type';

/** A root field's name and the description the schema shows for it. */
interface RootField {
  name: string;
  description: string;
}

/** The kind's two root fields: `actor(id)` and `actors(filter, first, after)`. */
export interface EntityKindFields {
  byId: RootField;
  list: RootField;
}

/** The kind's repository in the request's set (an EntityKindRepository). */
export type KindRepositoryOf<Item, Args> = (repos: Repositories) => {
  list(args: Args, count: CountRequest, itemProperties: string[] | null): Promise<Page<Item>>;
  listWithRelationships(
    args: Args,
    count: CountRequest,
    nested: RelationshipQuery,
    itemProperties: string[] | null,
  ): Promise<Page<Item> & { relationships: ReadonlyMap<string, Page<Relationship>> }>;
};

/**
 * The two root fields every entity kind has, written once (type-graphql resolver inheritance,
 * as in its resolvers-inheritance example): a lookup by id through the per-request entity loader
 * (an unknown, hidden or another kind's id answers NOT_FOUND) and a page of the kind ordered by id, as the connection
 * `<Type>Connection`. A kind declares only its type, arguments, repository and field names:
 * `@Resolver(() => Actor) class ActorResolver extends createEntityResolver(Actor, ActorsArgs, ...) {}`;
 * its own field resolvers go in that subclass.
 */
export function createEntityResolver<Item extends AnyEntity, Args extends { after?: string | null }>(
  type: ClassType<Item>,
  args: ClassType<Args>,
  repository: KindRepositoryOf<Item, Args>,
  fields: EntityKindFields,
) {
  @ObjectType(`${type.name}Connection`)
  class KindConnection extends Connection(type, type.name) {}

  @Resolver(() => type)
  abstract class EntityKindResolver {
    @Query(() => type, {
      name: fields.byId.name,
      // Nullable although never null: a NOT_FOUND nulls this field only, not the other root fields asked with it.
      nullable: true,
      description: `${fields.byId.description}; NOT_FOUND (extensions.field "id") when no ${type.name.toLowerCase()} has that id or it is hidden from the caller`,
    })
    byId(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Item> {
      return requireEntity(loaders, 'id', id, type);
    }

    @Query(() => KindConnection, {
      name: fields.list.name,
      complexity: listCost(20, 100),
      description: fields.list.description,
    })
    async list(
      @Args(() => args) listArgs: Args,
      @Ctx() { repos, loaders }: RequestContext,
      @Info() info: GraphQLResolveInfo,
    ): Promise<ConnectionValue<Item>> {
      // Counting is most of a list's cost on a large graph: only when the query selects it.
      const count = { withTotal: selectsTotal(info) };
      // The items' relationships, when asked in one shape, come in the list's own statement.
      const nested = foldableRelationships(info);
      // Of each item, only the properties the selection needs (src/graphql/projections.ts).
      const itemProperties = listItemProperties(info);
      if (!nested)
        return toConnection(
          await repository(repos).list(listArgs, count, itemProperties),
          (item) => item.id,
          listArgs.after,
        );
      const page = await repository(repos).listWithRelationships(listArgs, count, nested, itemProperties);
      primeRelationships(loaders, nested, page.relationships);
      return toConnection(page, (item) => item.id, listArgs.after);
    }
  }
  return EntityKindResolver;
}
