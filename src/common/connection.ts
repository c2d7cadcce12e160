import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { encodeCursor, type Page } from './cursor';
import { PageInfo } from './page-info.type';

/**
 * A cursor connection of `Item`s: `{ totalCount pageInfo nodes edges { cursor node } }`.
 * Use as `@ObjectType() class ActorConnection extends Connection(Actor, 'Actor') {}`.
 */
export function Connection<Item extends object>(ItemClass: ClassType<Item>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => ItemClass)
    node!: Item;
  }

  // Abstract: the subclass (`class ActorConnection extends Connection(Actor, 'Actor')`) names the type.
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => Int, { description: 'How many items match, across all pages' })
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [ItemClass], { description: 'The items of this page (the edges without cursors)' })
    nodes!: Item[];
  }
  return ConnectionClass;
}

export interface ConnectionValue<Item> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: Item }>;
  nodes: Item[];
}

export function toConnection<Item>(page: Page<Item>, keyOf: (item: Item) => string): ConnectionValue<Item> {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    totalCount: page.totalCount,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    edges,
    nodes: page.items,
  };
}
