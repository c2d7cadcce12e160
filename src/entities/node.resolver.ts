import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Node } from '../common/node.interface';
import type { RequestContext } from '../graphql/context';
import { loadAll } from '../graphql/loaders';
import { requireEntity } from '../graphql/required-entities';
import { NodesArgs } from './node.args';

/** Relay's node(id) and nodes(ids): any entity by its global id, through the request's entity loader. */
@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, {
    // Nullable although never null: a NOT_FOUND nulls this field only, not its siblings.
    nullable: true,
    description:
      'Any object by its global id (Relay); NOT_FOUND (extensions.field "id") when unknown or hidden from the caller',
  })
  node(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Node> {
    return requireEntity(loaders, 'id', id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description:
      'Objects by their global ids, one per id in order, in one batch; null where an id is unknown or hidden (no error: a list answer, as Relay expects)',
  })
  nodes(@Args() { ids }: NodesArgs, @Ctx() { loaders }: RequestContext): Promise<Array<Node | null>> {
    return loadAll(loaders.entity, ids);
  }
}
