import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { encodeCursor, type Page } from './cursor';
import { PageInfo } from './page-info.type';

/** Lists count at most this many matches when filtered; beyond, totalCount is a lower bound. */
export const LIST_COUNT_CAP = 10_000;

/** The relationships of one entity are counted up to this many when retracted ones are hidden. */
export const RELATIONSHIP_COUNT_CAP = 1_000;

export const TOTAL_COUNT_DESCRIPTION =
  'How many items match, across all pages. Counted only when selected: exactly from the counts Neo4j keeps ' +
  `for an unfiltered list of a kind; for a filtered one up to ${LIST_COUNT_CAP.toLocaleString('en')} ` +
  '(see totalCountIsExact), past which at least this many match.';

export const TOTAL_COUNT_IS_EXACT_DESCRIPTION =
  'False when counting stopped at its cap: then totalCount is a lower bound ("at least N")';

/**
 * A cursor connection of `Item`s: `{ totalCount totalCountIsExact pageInfo nodes edges { cursor node } }`.
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
    @Field(() => Int, { description: TOTAL_COUNT_DESCRIPTION })
    totalCount!: number;

    @Field({ description: TOTAL_COUNT_IS_EXACT_DESCRIPTION })
    totalCountIsExact!: boolean;

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
  /** Null only when it was not selected (and so never resolved). */
  totalCount: number | null;
  totalCountIsExact: boolean;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: Item }>;
  nodes: Item[];
}

/**
 * A page as a connection. `after` is the cursor the page was asked with: paging is forward-only
 * keyset, so a page asked after a cursor follows an earlier one (hasPreviousPage), answered
 * without a second query, as the Relay cursor spec allows.
 */
export function toConnection<Item>(
  page: Page<Item>,
  keyOf: (item: Item) => string,
  after: string | null | undefined,
): ConnectionValue<Item> {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    totalCount: page.totalCount,
    totalCountIsExact: page.totalCountIsExact ?? true,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    edges,
    nodes: page.items,
  };
}

/** The fields a connection's count answers: when neither is selected, nothing is counted. */
const COUNT_FIELDS = new Set(['totalCount', 'totalCountIsExact']);

/**
 * Whether the field being resolved selects its total (`totalCount` or `totalCountIsExact`),
 * directly, in an inline fragment or in a named fragment. Directives are not evaluated: a count
 * under `@skip` is still computed, which costs time but never a wrong answer.
 */
export function selectsTotal(info: GraphQLResolveInfo): boolean {
  // graphql-js hands every item of a list the same fieldNodes: walk the selection once per field.
  const known = SELECTS_TOTAL.get(info.fieldNodes);
  if (known !== undefined) return known;
  const selected = selectsTotalIn(info.fieldNodes, info.fragments);
  SELECTS_TOTAL.set(info.fieldNodes, selected);
  return selected;
}

/** selectsTotal for field nodes found another way (a list looking ahead at its items' fields). */
export function selectsTotalIn(fieldNodes: readonly FieldNode[], fragments: GraphQLResolveInfo['fragments']): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === 'Field') return COUNT_FIELDS.has(selection.name.value);
      if (selection.kind === 'InlineFragment') return walk(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return walk(fragments[selection.name.value]?.selectionSet);
    });
  return fieldNodes.some((node: FieldNode) => walk(node.selectionSet));
}

const SELECTS_TOTAL = new WeakMap<readonly FieldNode[], boolean>();
