/**
 * The state one extraction run builds up: the words and sentences, the entities, events and
 * claims found so far, the references of each sentence and the relationships between them.
 * Each pass (discovery, references, claims, events, relations, inferences) reads and adds to it.
 */
import { EntityKind } from '../../model/vocabulary';
import type { AllegationDraft, EntityDraft, EventDraft, Ref, RelationDraft } from './draft.type';
import { IdAllocator, slug } from './ids';
import type { ExtractionInput, TextSpan, Voice } from './proposal.type';
import type { LanguageTable } from './tables/language-table.type';
import { phraseFolds, type Sentence, type Token } from './text';

/** What a name stands for: a state and its territory share the name "Mali". */
export interface NameTarget {
  actor?: string;
  location?: string;
}

/** Names of at most this many words are looked up (longer aliases are never matched). */
export const MAX_NAME_WORDS = 12;

export class ExtractionContext {
  readonly entities = new Map<string, EntityDraft>();
  readonly events = new Map<string, EventDraft>();
  readonly allegations = new Map<string, AllegationDraft>();
  readonly relations: RelationDraft[] = [];
  private readonly relationIndex = new Map<string, RelationDraft>();
  /** References of each sentence, by start. */
  refs: Ref[][] = [];
  readonly names = new Map<string, NameTarget>();
  readonly ids: IdAllocator;
  /** Voice of each sentence: its own, or attributed to someone else. */
  voices: Voice[] = [];
  /** Spans of each sentence that are someone's claim: no fact is read from them. */
  claimRanges: TextSpan[][] = [];
  mainCountry?: string;
  mainArmedGroup?: string;

  constructor(
    readonly input: ExtractionInput,
    readonly table: LanguageTable,
    readonly tokens: Token[],
    readonly sentences: Sentence[],
  ) {
    this.ids = new IdAllocator(input.knownEntities.map((entity) => entity.id));
    for (const known of input.knownEntities) this.addKnown(known);
  }

  private addKnown(known: ExtractionInput['knownEntities'][number]) {
    if (known.kind !== EntityKind.ACTOR && known.kind !== EntityKind.LOCATION) return;
    const section = known.kind === EntityKind.ACTOR ? 'actors' : 'locations';
    this.entities.set(known.id, {
      id: known.id,
      section,
      kind: known.subKind,
      name: known.name,
      aliases: known.aliases,
      known: true,
      rule: 'known',
      voice: 'STATED',
      evidence: { start: 0, end: 0 },
      sentence: -1,
      mentions: 0,
    });
    for (const name of [known.name, ...known.aliases.slice(0, 50)]) this.addName(name, known.id, section, true);
  }

  /** Registers a name; a name the graph already knows keeps its known entity. */
  addName(name: string, id: string, section: 'actors' | 'locations', known = false) {
    const key = phraseFolds(name).join(' ');
    if (!key || key.split(' ').length > MAX_NAME_WORDS) return;
    const target = this.names.get(key) ?? {};
    const slot = section === 'actors' ? 'actor' : 'location';
    const current = target[slot];
    if (current === undefined || (known && !this.entities.get(current)?.known)) target[slot] = id;
    this.names.set(key, target);
  }

  /** A new proposed entity, or the one already proposed under the same name and section. */
  propose(draft: Omit<EntityDraft, 'id' | 'known' | 'mentions'> & { id?: string }): EntityDraft {
    const key = phraseFolds(draft.name).join(' ');
    const existingId = this.names.get(key)?.[draft.section === 'actors' ? 'actor' : 'location'];
    const existing = existingId === undefined ? undefined : this.entities.get(existingId);
    if (existing) {
      if (!existing.kind && draft.kind) existing.kind = draft.kind;
      for (const alias of draft.aliases) this.addAlias(existing, alias);
      return existing;
    }
    const id = this.ids.allocate(draft.id ?? slug(draft.name));
    const entity: EntityDraft = { ...draft, id, known: false, mentions: 0 };
    this.entities.set(id, entity);
    this.addName(entity.name, id, entity.section);
    for (const alias of entity.aliases) this.addName(alias, id, entity.section);
    return entity;
  }

  addAlias(entity: EntityDraft, alias: string) {
    const folded = phraseFolds(alias).join(' ');
    if (folded === phraseFolds(entity.name).join(' ')) return;
    if (!entity.aliases.some((existing) => phraseFolds(existing).join(' ') === folded)) entity.aliases.push(alias);
    this.addName(alias, entity.id, entity.section);
  }

  relate(relation: RelationDraft) {
    if (relation.from === relation.to) return;
    const key = `${relation.type}|${relation.from}|${relation.to}|${relation.role ?? ''}`;
    const same = this.relationIndex.get(key);
    // One proposal per link: the first (and best-voiced) evidence for it.
    if (same) {
      same.validFrom ??= relation.validFrom;
      if (same.voice !== 'STATED' && relation.voice === 'STATED') Object.assign(same, relation);
      return;
    }
    this.relations.push(relation);
    this.relationIndex.set(key, relation);
  }

  sentenceSpan(index: number): TextSpan {
    const sentence = this.sentences[index];
    return { start: sentence.start, end: sentence.end };
  }

  slice(span: TextSpan): string {
    return this.input.text.slice(span.start, span.end);
  }

  kindOf(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.entities.get(id)?.kind;
  }
}
