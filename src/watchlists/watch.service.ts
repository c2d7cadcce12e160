import { randomUUID } from 'node:crypto';
import type { Database, Visibility } from '../db';
import type { EntityRepository } from '../entities/entity.repository';
import { BadUserInputError, NotFoundError } from '../errors';
import { bestPath } from './best-path';
import { WatchKind } from './watch-kind';
import { WatchRepository, type AlertRow, type WatchRow } from './watch.repository';

export interface Watcher {
  /** The identity's name: watches and alerts are its own. */
  owner: string;
  visibility: Visibility;
  entities: EntityRepository;
}

/**
 * The watchlist use cases of one identity. A watch of an entity the caller cannot see (TLP) is
 * NOT_FOUND, as an unknown id; the path a pair watch starts from is computed at the caller's
 * clearance, as the watcher will compute the next ones.
 */
export class WatchService {
  private readonly repo: WatchRepository;

  constructor(
    private readonly db: Database,
    private readonly who: Watcher,
  ) {
    this.repo = new WatchRepository(db);
  }

  async watchEntity(entityId: string): Promise<WatchRow> {
    await this.requireVisible([{ field: 'entityId', id: entityId }]);
    return this.repo.create(
      { owner: this.who.owner, clearance: this.who.visibility.clearance, kind: WatchKind.ENTITY, entityId },
      randomUUID(),
    );
  }

  async watchPair(fromId: string, toId: string, maxHops: number, minCredibility: number | null): Promise<WatchRow> {
    if (fromId === toId) throw BadUserInputError.field('toId', 'must differ from fromId');
    await this.requireVisible([
      { field: 'fromId', id: fromId },
      { field: 'toId', id: toId },
    ]);
    const clearance = this.who.visibility.clearance;
    const snapshot = await bestPath(this.db, { fromId, toId, maxHops, minCredibility }, clearance);
    return this.repo.create(
      { owner: this.who.owner, clearance, kind: WatchKind.PAIR, fromId, toId, maxHops, minCredibility, snapshot },
      randomUUID(),
    );
  }

  unwatch(id: string): Promise<void> {
    return this.repo.delete(this.who.owner, id);
  }

  list(): Promise<WatchRow[]> {
    return this.repo.list(this.who.owner);
  }

  alerts(before: number | null, first: number): Promise<AlertRow[]> {
    return this.repo.alerts(this.who.owner, before, first);
  }

  private async requireVisible(ends: Array<{ field: string; id: string }>): Promise<void> {
    const found = await this.who.entities.byIds(ends.map((end) => end.id));
    ends.forEach((end, i) => {
      if (!found[i]) throw new NotFoundError('Entity', end.id, end.field);
    });
  }
}
