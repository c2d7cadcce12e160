import neo4j, { type BookmarkManager } from 'neo4j-driver';

/**
 * Causal consistency for one request (read-your-writes on a cluster). Neo4j hands out a bookmark
 * when a transaction commits; a transaction that starts with that bookmark waits until the
 * cluster member serving it has applied that transaction, whichever member it is. A request's
 * sessions all share one bookmark manager (the driver's own): each write's bookmark is handed to
 * the reads and writes that follow it in the same request (a mutation's re-read sees its write),
 * and the bookmarks a client sent (from an earlier request, on any replica) are where it starts.
 */
export class RequestBookmarks {
  readonly manager: BookmarkManager;
  private wrote = false;

  constructor(initial: readonly string[] = []) {
    this.manager = neo4j.bookmarkManager({ initialBookmarks: initial });
  }

  /** Called by the gateway when a write transaction of this request committed. */
  recordWrite(): void {
    this.wrote = true;
  }

  /** True once a write of this request committed: its bookmark is worth returning. */
  get written(): boolean {
    return this.wrote;
  }

  /** The bookmarks a later request needs to see everything this one wrote (and was given). */
  async current(): Promise<string[]> {
    return [...(await this.manager.getBookmarks())];
  }
}

/** Bookmarks one request may carry; a transaction depends on all of them. */
export const MAX_BOOKMARKS = 16;
/** Longest bookmark accepted (Neo4j 5's are about 60–100 characters). */
export const MAX_BOOKMARK_LENGTH = 512;
/** What a Neo4j bookmark is made of ("FB:" and base64url-like text); anything else is refused. */
const BOOKMARK = /^[A-Za-z0-9:_\-+/=.]+$/;

/** Why `bookmark` cannot be a Neo4j bookmark, or null when it can. */
export function bookmarkProblem(bookmark: string): string | null {
  if (bookmark.length === 0) return 'is empty';
  if (bookmark.length > MAX_BOOKMARK_LENGTH) return `is longer than ${MAX_BOOKMARK_LENGTH} characters`;
  if (!BOOKMARK.test(bookmark)) return 'has characters a Neo4j bookmark does not have';
  return null;
}

/** Where one transaction of one database stands: what a Neo4j 5 bookmark holds. */
export interface BookmarkPosition {
  /** The database's UUID (every member of a cluster shares it; another server's differs). */
  database: string;
  /** The transaction the bookmark waits for. */
  transaction: bigint;
}

/** The UUID Neo4j gives its `system` database on every server. */
export const SYSTEM_DATABASE_UUID = '00000000-0000-0000-0000-000000000001';

/**
 * Reads a Neo4j 5 bookmark: "FB:" then base64 PackStream: a list of (16-byte database UUID,
 * transaction id) pairs, then a list of external graphs. Null for anything else, including
 * trailing bytes and external graphs (composite databases, which this service does not use).
 */
export function decodeBookmark(bookmark: string): BookmarkPosition[] | null {
  if (!bookmark.startsWith('FB:') || !/^[A-Za-z0-9+/=_-]+$/.test(bookmark.slice(3))) return null;
  const reader = new PackStreamReader(Buffer.from(bookmark.slice(3), 'base64'));
  const positions: BookmarkPosition[] = [];
  const count = reader.listSize() ?? 0;
  for (let index = 0; index < count; index++) {
    const uuid = reader.bytes(16);
    const transaction = reader.integer();
    if (uuid === null || transaction === null || transaction < 0n) return null;
    const hex = uuid.toString('hex');
    const database = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
    positions.push({ database, transaction });
  }
  const external = reader.listSize();
  if (count === 0 || external !== 0 || !reader.atEnd()) return null;
  return positions;
}

/** The few PackStream values a bookmark holds; each read returns null on anything unexpected. */
class PackStreamReader {
  private offset = 0;
  constructor(private readonly buffer: Buffer) {}

  atEnd(): boolean {
    return this.offset === this.buffer.length;
  }

  listSize(): number | null {
    const marker = this.byte();
    if (marker === null) return null;
    if (marker >= 0x90 && marker <= 0x9f) return marker - 0x90;
    if (marker === 0xd4) return this.byte();
    return null;
  }

  bytes(length: number): Buffer | null {
    if (this.byte() !== 0xcc || this.byte() !== length || this.offset + length > this.buffer.length) return null;
    const value = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  integer(): bigint | null {
    const marker = this.byte();
    if (marker === null) return null;
    if (marker <= 0x7f) return BigInt(marker);
    if (marker >= 0xf0) return BigInt(marker - 0x100);
    // INT_8, INT_16, INT_32, INT_64: big-endian, signed.
    const width = ({ 0xc8: 1, 0xc9: 2, 0xca: 4, 0xcb: 8 } as Record<number, number>)[marker];
    if (!width || this.offset + width > this.buffer.length) return null;
    const at = this.offset;
    this.offset += width;
    return width === 8 ? this.buffer.readBigInt64BE(at) : BigInt(this.buffer.readIntBE(at, width));
  }

  private byte(): number | null {
    return this.offset < this.buffer.length ? this.buffer[this.offset++] : null;
  }
}
