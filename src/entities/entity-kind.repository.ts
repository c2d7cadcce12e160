import type { CountRequest, Page } from '../common/cursor';
import type { EntityFilterInput } from '../common/entity-filter.input';
import { FilterClauses } from '../db';
import type { Database } from '../db';
import { LABEL_OF_KIND, type EntityKind } from '../model/vocabulary';
import type { AnyEntity } from './entity.mapper';
import { TEXT_CLAUSE, type EntityRepository, type PageWithRelationships } from './entity.repository';
import type { RelationshipQuery } from '../relationships/relationship.repository';

/** What every list of one kind is asked with: a page and the kind's filter. */
export interface EntityListQuery {
  first: number;
  after?: string | null;
  filter?: EntityFilterInput | null;
}

/**
 * The read path every entity kind shares: one page of the kind's nodes, ordered by id, through
 * EntityRepository.list (one statement). A kind declares only its `kind` and the WHERE fragments
 * its arguments add (`where`); the paging, the label and the retracted rule are the same for all.
 * `db` is for the statements a kind runs besides its list (details, support).
 */
export abstract class EntityKindRepository<Item extends AnyEntity, Args extends EntityListQuery> {
  protected abstract readonly kind: EntityKind;

  constructor(
    protected readonly db: Database,
    protected readonly entities: EntityRepository,
  ) {}

  /** The kind's WHERE fragments on `n` for these arguments (constants; values only in params). */
  protected abstract where(args: Args): FilterClauses;

  /** A page; its total only when `count.withTotal` (the resolver asks when totalCount is selected). */
  async list(
    args: Args,
    count: CountRequest = { withTotal: true },
    itemProperties: string[] | null = null,
  ): Promise<Page<Item>> {
    const { filter, first, after } = args;
    const page = (await this.entities.list(
      LABEL_OF_KIND[this.kind],
      this.where(args),
      { first, after },
      filter?.includeRetracted,
      count,
      itemProperties,
    )) as Page<Item>;
    await this.complete(page.items, args);
    return page;
  }

  /** What a kind adds to the items of a page once read (by list and listWithRelationships alike). */
  protected async complete(_items: Item[], _args: Args): Promise<void> {}

  /**
   * A page and, for each entity on it, its first page of relationships as `nested` asks: one
   * statement (EntityRepository.listWithRelationships) instead of the list and the loader's batch.
   */
  async listWithRelationships(
    args: Args,
    count: CountRequest,
    nested: RelationshipQuery,
    itemProperties: string[] | null = null,
  ): Promise<PageWithRelationships & Page<Item>> {
    const { filter, first, after } = args;
    const page = await this.entities.listWithRelationships(
      LABEL_OF_KIND[this.kind],
      this.where(args),
      { first, after },
      filter?.includeRetracted ?? false,
      count,
      nested,
      itemProperties,
    );
    await this.complete(page.items as Item[], args);
    return page as PageWithRelationships & Page<Item>;
  }

  /** `clause` (a new one by default) with the name-or-alias "contains" filter every kind has. */
  protected textOf(filter: EntityFilterInput | null | undefined, clause = new FilterClauses()): FilterClauses {
    return clause.when(filter?.text, TEXT_CLAUSE, { text: filter?.text });
  }
}
