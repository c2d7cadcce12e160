/** Stable ids: the same input gives the same ids, run after run and machine after machine. */
import { ID_MAX_LENGTH } from '../../model/vocabulary';
import { foldedWords } from '../../search/lucene-query';

/** FNV-1a, 32 bits, as base-36: short, stable, no dependency (ids, not security). */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/** A bundle id (ID_PATTERN) from a name: folded words joined by hyphens, cut at a word. */
export function slug(name: string, maxLength = 60): string {
  let result = '';
  for (const word of foldedWords(name)) {
    const ascii = word.replace(/[^a-z0-9]/g, '');
    if (!ascii) continue;
    const next = result ? `${result}-${ascii}` : ascii;
    if (next.length > Math.min(maxLength, ID_MAX_LENGTH - 8)) break;
    result = next;
  }
  return result || 'entity';
}

/** Hands out unique ids: a second "kayes" becomes "kayes-2". */
export class IdAllocator {
  private readonly taken = new Set<string>();
  /** The next suffix to try for each base: a thousand "blockade" events cost a thousand steps, not a million. */
  private readonly next = new Map<string, number>();

  constructor(reserved: Iterable<string> = []) {
    for (const id of reserved) this.taken.add(id);
  }

  allocate(base: string): string {
    let id = base;
    let n = this.next.get(base) ?? 2;
    while (this.taken.has(id)) id = `${base}-${n++}`;
    this.next.set(base, n);
    this.taken.add(id);
    return id;
  }
}
