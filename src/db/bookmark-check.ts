import type { Database } from './database';
import { decodeBookmark, RequestBookmarks, SYSTEM_DATABASE_UUID, type BookmarkPosition } from './bookmarks';

/**
 * Whether the bookmarks a client sent are ones this service's database handed out, checked
 * before a request runs anything (so a download never starts and then breaks on them):
 * each must be a Neo4j 5 bookmark, of this database (not `system`, not another server's: Neo4j
 * itself silently accepts those), for a transaction the database has committed (a forged future
 * one would hold the request until Neo4j's bookmark wait times out). Where the database stands is
 * learned from the bookmark of an empty transaction on the writer, and asked again only when a
 * client's bookmark is ahead of what is known (a write through another replica).
 */
export class BookmarkCheck {
  private known?: BookmarkPosition;

  constructor(private readonly db: Database) {}

  /** Why `bookmarks` cannot be used (naming which, 1-based), or null when they can. */
  async problem(bookmarks: readonly string[]): Promise<string | null> {
    const decoded = bookmarks.map((bookmark) => decodeBookmark(bookmark));
    const malformed = decoded.findIndex((positions) => positions === null);
    if (malformed >= 0) return `bookmark ${malformed + 1} is not a Neo4j bookmark`;
    const positions = decoded.flatMap((each, index) => each!.map((position) => ({ ...position, index })));
    let known = this.known ?? (await this.refresh());
    const foreign = positions.find((position) => position.database !== known.database);
    if (foreign) {
      const whose = foreign.database === SYSTEM_DATABASE_UUID ? 'the system database' : 'another database or server';
      return `bookmark ${foreign.index + 1} belongs to ${whose}, not this service's graph`;
    }
    if (positions.some((position) => position.transaction > known.transaction)) known = await this.refresh();
    const ahead = positions.find((position) => position.transaction > known.transaction);
    if (ahead) return `bookmark ${ahead.index + 1} names a transaction the graph has not committed`;
    return null;
  }

  /** Where the database stands now: the bookmark of an empty transaction on the writer. */
  private async refresh(): Promise<BookmarkPosition> {
    const probe = new RequestBookmarks();
    await this.db.causal(probe).writeTransaction('bookmarks.latest', (tx) => tx.run('RETURN 1 AS ok'));
    const [position] = (await probe.current()).flatMap((bookmark) => decodeBookmark(bookmark) ?? []);
    if (!position) throw new Error('Neo4j returned no bookmark this service can read');
    // Concurrent refreshes: keep the furthest position seen.
    if (!this.known || position.transaction > this.known.transaction) this.known = position;
    return this.known;
  }
}
