/**
 * The state one extraction run builds up: the words and sentences, the entities, events and
 * claims found so far, the references of each sentence and the relationships between them.
 * Each pass (discovery, references, claims, events, relations, inferences) reads and adds to it.
 */
import { EntityKind } from '../../model/vocabulary';
import type { AllegationDraft, EntityDraft, EventDraft, Ref, RelationDraft } from './draft.type';
import { IdAllocator, slug } from './ids';
import type { ExtractionInput, TextSpan, Voice } from './proposal.type';
import type { CountryEntry, LanguageTable } from './tables/language-table.type';
import { foldPhrase, phraseFolds, type Sentence, type Token } from './text';

/** What a name stands for: a state and its territory share the name "Mali". */
export interface NameTarget {
  actor?: string;
  location?: string;
}

/** Names of at most this many words are looked up (longer aliases are never matched). */
export const MAX_NAME_WORDS = 12;
/** A known entity's aliases read (the rest ignored), and known entities listed per word for candidates. */
export const MAX_ALIASES = 50;
const MAX_IDS_PER_WORD = 200;

/**
 * Bounded work on any document: past these, the run stops adding (and says so in `truncated`).
 * A long report has a few hundred of each; a repeated or generated text could have millions.
 */
export const MAX_NEW_ENTITIES = 5_000;
export const MAX_EVENTS = 2_000;
export const MAX_ALLEGATIONS = 1_000;
export const MAX_RELATIONS = 20_000;

export class ExtractionContext {
  readonly entities = new Map<string, EntityDraft>();
  readonly events = new Map<string, EventDraft>();
  readonly allegations = new Map<string, AllegationDraft>();
  lastAllegation?: AllegationDraft;
  /** The state proposed for each table country named so far. */
  readonly countries = new Map<CountryEntry, EntityDraft>();
  readonly relations: RelationDraft[] = [];
  private readonly relationIndex = new Map<string, RelationDraft>();
  private readonly outgoing = new Map<string, RelationDraft[]>();
  private readonly incoming = new Map<string, RelationDraft[]>();
  /** The most-mentioned event of each type: what "the blockade" refers back to. */
  private readonly topics = new Map<string, EventDraft>();
  private corridorIndex?: Map<number, EntityDraft[]>;
  private newEntities = 0;
  /** Set when a cap stopped the run from adding more. */
  truncated = false;
  /** References of each sentence, by start. */
  refs: Ref[][] = [];
  readonly names = new Map<string, NameTarget>();
  /** Every word-prefix of a registered name, so a lookup stops as soon as no name can match. */
  readonly namePrefixes = new Set<string>();
  readonly knownByWord = new Map<string, Set<string>>();
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
    const own = new Set(input.ownRecordIds ?? []);
    this.ids = new IdAllocator(input.knownEntities.map((entity) => entity.id).filter((id) => !own.has(id)));
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
    for (const name of [known.name, ...known.aliases.slice(0, MAX_ALIASES)]) {
      const words = this.addName(name, known.id, section, true);
      // Which known entities share a word with a mention: the candidates a curator re-links to.
      for (const word of words) {
        const ids = this.knownByWord.get(word) ?? new Set<string>();
        if (ids.size < MAX_IDS_PER_WORD) ids.add(known.id);
        this.knownByWord.set(word, ids);
      }
    }
  }

  /** Registers a name (its folded words returned); a name the graph already knows keeps its known entity. */
  addName(name: string, id: string, section: 'actors' | 'locations', known = false): string[] {
    // Known names are folded once each (not cached: a graph has more names than the cache holds).
    const words = known ? foldPhrase(name) : phraseFolds(name);
    if (words.length === 0 || words.length > MAX_NAME_WORDS) return [];
    const key = words.join(' ');
    let prefix = words[0];
    for (let n = 1; n < words.length; n++) {
      this.namePrefixes.add(prefix);
      prefix = `${prefix} ${words[n]}`;
    }
    const target = this.names.get(key) ?? {};
    const slot = section === 'actors' ? 'actor' : 'location';
    const current = target[slot];
    if (current === undefined || (known && !this.entities.get(current)?.known)) target[slot] = id;
    this.names.set(key, target);
    return words;
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
    if (this.newEntities >= MAX_NEW_ENTITIES) {
      this.truncated = true;
      // Not registered: nothing refers to it, so nothing is proposed for it.
      return { ...draft, id: '', known: false, mentions: 0 };
    }
    this.newEntities++;
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
    if (relation.from === relation.to || !relation.from || !relation.to) return;
    const key = `${relation.type}|${relation.from}|${relation.to}|${relation.role ?? ''}`;
    const same = this.relationIndex.get(key);
    // One proposal per link: the first (and best-voiced) evidence for it.
    if (same) {
      same.validFrom ??= relation.validFrom;
      if (same.voice !== 'STATED' && relation.voice === 'STATED') Object.assign(same, relation);
      return;
    }
    if (this.relations.length >= MAX_RELATIONS) {
      this.truncated = true;
      return;
    }
    this.relations.push(relation);
    this.relationIndex.set(key, relation);
    if (!this.outgoing.has(relation.from)) this.outgoing.set(relation.from, []);
    if (!this.incoming.has(relation.to)) this.incoming.set(relation.to, []);
    this.outgoing.get(relation.from)!.push(relation);
    this.incoming.get(relation.to)!.push(relation);
  }

  linksFrom(id: string, type: string): RelationDraft[] {
    return (this.outgoing.get(id) ?? []).filter((r) => r.type === type);
  }

  linksTo(id: string, type: string): RelationDraft[] {
    return (this.incoming.get(id) ?? []).filter((r) => r.type === type);
  }

  /** Registers a new event; false (and nothing registered) past the cap. */
  addEvent(event: EventDraft): boolean {
    if (this.events.size >= MAX_EVENTS) {
      this.truncated = true;
      return false;
    }
    this.events.set(event.id, event);
    this.mentionEvent(event, 0);
    return true;
  }

  mentionEvent(event: EventDraft, more = 1) {
    event.mentions += more;
    const topic = this.topics.get(event.type);
    if (!topic || event.mentions > topic.mentions) this.topics.set(event.type, event);
  }

  /** The main event of one of these types (most mentions, first named on a tie), other than `except`. */
  topicEvent(types: readonly string[], except?: EventDraft): EventDraft | undefined {
    let best: EventDraft | undefined;
    for (const type of types) {
      const topic = this.topics.get(type);
      if (topic && topic !== except && (!best || topic.mentions > best.mentions)) best = topic;
    }
    return best;
  }

  /** Corridors first named in a sentence ("these routes" in the next one points back to them). */
  corridorsIn(sentence: number): EntityDraft[] {
    if (!this.corridorIndex) {
      this.corridorIndex = new Map();
      for (const entity of this.entities.values())
        if (entity.regionOf) {
          if (!this.corridorIndex.has(entity.sentence)) this.corridorIndex.set(entity.sentence, []);
          this.corridorIndex.get(entity.sentence)!.push(entity);
        }
    }
    return this.corridorIndex.get(sentence) ?? [];
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
