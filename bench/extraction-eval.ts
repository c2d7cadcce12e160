import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractProposals, type ExtractionResult, type Proposal } from '../src/documents/extraction';
import { foldedWords } from '../src/search/lucene-query';

/**
 * The extraction engine measured against the curated seed (issue 22, item 5): the seed article's
 * text with the seed bundle removed (no known entities) in; the seed bundle as gold. Matching:
 * an entity by section and a folded name or alias in common; an event by type and the overlap of
 * its excerpt with the gold excerpt; an allegation by its excerpt; a relationship by type and
 * both endpoints (mapped through those matches). CITES links (source to source) are out of
 * scope: the engine proposes no sources, the ingestion does.
 */
/** The repository: where package.json is (this file runs from bench/ under jest, from dist/bench/ built). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'seed', 'sahel.bundle.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
export const SEED_ARTICLE = 'seed/sources/wellbrock-mali-blockade.md';

interface GoldRecord {
  id: string;
  name?: string;
  aliases?: string[];
  type?: string;
  excerpt: string;
  claimTypes?: string[];
}
interface GoldRelation {
  type: string;
  from: string;
  to: string;
  role?: string;
  excerpt: string;
}
interface Gold {
  actors: GoldRecord[];
  locations: GoldRecord[];
  events: GoldRecord[];
  allegations: GoldRecord[];
  relationships: GoldRelation[];
}

export interface TypeRecall {
  type: string;
  gold: number;
  found: number;
}

export interface Evaluation {
  words: number;
  proposals: number;
  entityGold: number;
  entityFound: number;
  entityProposed: number;
  entityRecall: number;
  entityPrecision: number;
  eventGold: number;
  eventFound: number;
  relationshipGold: number;
  relationshipFound: number;
  relationshipRecall: number;
  relationshipProposed: number;
  relationshipPrecision: number;
  /** Of the PARTICIPATED_IN links found, how many have the gold's role too. */
  rolesRight: number;
  rolesFound: number;
  byType: TypeRecall[];
  claimsGold: number;
  claimsAsClaims: number;
  denialsGold: number;
  denialsFound: number;
  claimsAsFacts: string[];
  excerptOverlap: number;
  verbatim: number;
  missedEntities: string[];
  missedRelationships: string[];
  falseEntities: string[];
}

/** The article as the ingestion would store it: the text under "## Text" (the notes above are ours). */
export function seedArticleText(): string {
  const file = readFileSync(path.join(ROOT, SEED_ARTICLE), 'utf8');
  const marker = file.indexOf('## Text');
  return file.slice(file.indexOf('\n', marker) + 1).trim();
}

export function seedGold(): Gold {
  return JSON.parse(readFileSync(path.join(ROOT, 'seed/sahel.bundle.json'), 'utf8')) as Gold;
}

const fold = (name: string) => foldedWords(name).join(' ');
const namesOf = (record: { name?: unknown; aliases?: unknown }) =>
  new Set([record.name as string, ...((record.aliases as string[] | undefined) ?? [])].filter(Boolean).map(fold));

function spanOf(text: string, excerpt: string) {
  const start = text.indexOf(excerpt);
  return start < 0 ? undefined : { start, end: start + excerpt.length };
}

const overlaps = (a: { start: number; end: number } | undefined, b: { start: number; end: number }) =>
  a !== undefined && a.start < b.end && b.start < a.end;

/** Gold id -> proposal record id, one to one, first proposal first. */
function matchEntities(gold: Gold, proposals: Proposal[]) {
  const map = new Map<string, string>();
  const used = new Set<string>();
  for (const section of ['actors', 'locations'] as const)
    for (const record of gold[section]) {
      const names = namesOf(record);
      const hit = proposals.find(
        (p) =>
          p.kind === 'ENTITY' &&
          p.section === section &&
          !used.has(p.id) &&
          [...namesOf(p.record)].some((name) => names.has(name)),
      );
      if (hit) {
        map.set(record.id, hit.record.id as string);
        used.add(hit.id);
      }
    }
  return { map, used };
}

function matchBySpan(
  text: string,
  golds: GoldRecord[],
  proposals: Proposal[],
  kind: Proposal['kind'],
  sameType: boolean,
) {
  const map = new Map<string, string>();
  const used = new Set<string>();
  const candidates = golds.flatMap((record) =>
    proposals
      .filter((p) => p.kind === kind && (!sameType || p.record.type === record.type))
      .map((p) => {
        const gold = spanOf(text, record.excerpt);
        const overlap = gold ? Math.max(0, Math.min(gold.end, p.end) - Math.max(gold.start, p.start)) : 0;
        return { record, p, overlap };
      })
      .filter((candidate) => candidate.overlap > 0),
  );
  candidates.sort((a, b) => b.overlap - a.overlap || a.p.start - b.p.start);
  for (const { record, p } of candidates) {
    if (map.has(record.id) || used.has(p.id)) continue;
    map.set(record.id, p.record.id as string);
    used.add(p.id);
  }
  return map;
}

export function evaluate(text = seedArticleText(), gold = seedGold(), result?: ExtractionResult): Evaluation {
  const { proposals } =
    result ??
    extractProposals({
      documentId: 'wellbrock-mali-blockade',
      text,
      language: 'en',
      reliability: 'C',
      knownEntities: [],
    });
  const entities = matchEntities(gold, proposals);
  const events = matchBySpan(text, gold.events, proposals, 'EVENT', true);
  const allegations = matchBySpan(text, gold.allegations, proposals, 'ALLEGATION', false);
  const mapped = new Map([...entities.map, ...events, ...allegations]);
  const relations = proposals.filter((p) => p.kind === 'RELATIONSHIP' || p.kind === 'DENIAL');
  const goldRelations = gold.relationships.filter((r) => r.type !== 'CITES');
  const found = goldRelations.filter((r) =>
    relations.some(
      (p) => p.record.type === r.type && p.record.from === mapped.get(r.from) && p.record.to === mapped.get(r.to),
    ),
  );
  const inGold = (p: Proposal) =>
    goldRelations.some(
      (r) => p.record.type === r.type && p.record.from === mapped.get(r.from) && p.record.to === mapped.get(r.to),
    );
  const types = [...new Set(goldRelations.map((r) => r.type))].sort();
  const byType = types.map((type) => ({
    type,
    gold: goldRelations.filter((r) => r.type === type).length,
    found: found.filter((r) => r.type === type).length,
  }));
  const entityProposals = proposals.filter((p) => p.kind === 'ENTITY');
  const matchedRecords = [...gold.actors, ...gold.locations, ...gold.events, ...gold.allegations].filter((r) =>
    mapped.has(r.id),
  );
  const excerptHits = [...matchedRecords, ...found].filter((record) => {
    const goldSpan = spanOf(text, record.excerpt);
    const id = 'id' in record ? mapped.get(record.id) : undefined;
    const proposal =
      id !== undefined
        ? proposals.find((p) => p.record.id === id)
        : relations.find((p) => {
            const r = record as GoldRelation;
            return p.record.type === r.type && p.record.from === mapped.get(r.from) && p.record.to === mapped.get(r.to);
          });
    return goldSpan !== undefined && proposal !== undefined && overlaps(proposal, goldSpan);
  }).length;
  const denials = gold.relationships.filter((r) => r.type === 'DENIES');
  return {
    words: text.split(/\s+/).filter(Boolean).length,
    proposals: proposals.length,
    entityGold: gold.actors.length + gold.locations.length,
    entityFound: entities.map.size,
    entityProposed: entityProposals.length,
    entityRecall: entities.map.size / (gold.actors.length + gold.locations.length),
    entityPrecision: entityProposals.length ? entities.used.size / entityProposals.length : 0,
    eventGold: gold.events.length,
    eventFound: events.size,
    relationshipGold: goldRelations.length,
    relationshipFound: found.length,
    relationshipRecall: found.length / goldRelations.length,
    relationshipProposed: relations.length,
    relationshipPrecision: relations.length ? relations.filter(inGold).length / relations.length : 0,
    rolesFound: found.filter((r) => r.role).length,
    rolesRight: found.filter(
      (r) =>
        r.role &&
        relations.some(
          (p) =>
            p.record.type === r.type &&
            p.record.from === mapped.get(r.from) &&
            p.record.to === mapped.get(r.to) &&
            p.record.role === r.role,
        ),
    ).length,
    byType,
    claimsGold: gold.allegations.length,
    claimsAsClaims: allegations.size,
    denialsGold: denials.length,
    denialsFound: denials.filter((r) =>
      proposals.some(
        (p) => p.kind === 'DENIAL' && p.record.from === mapped.get(r.from) && p.record.to === mapped.get(r.to),
      ),
    ).length,
    claimsAsFacts: claimsAsFacts(gold, proposals, mapped),
    excerptOverlap: excerptHits / Math.max(1, matchedRecords.length + found.length),
    verbatim:
      proposals.filter((p) => text.slice(p.start, p.end) === p.excerpt && p.record.excerpt === p.excerpt).length /
      Math.max(1, proposals.length),
    missedEntities: [...gold.actors, ...gold.locations].filter((r) => !entities.map.has(r.id)).map((r) => r.id),
    missedRelationships: goldRelations.filter((r) => !found.includes(r)).map((r) => `${r.type} ${r.from} -> ${r.to}`),
    falseEntities: entityProposals
      .filter((p) => !entities.used.has(p.id))
      .map((p) => `${p.section}:${String(p.record.name)}`),
  };
}

/** A claim proposed as a fact: a relationship of the claim's type from an accused party (Ukraine SUPPORTS ...). */
function claimsAsFacts(gold: Gold, proposals: Proposal[], mapped: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const allegation of gold.allegations) {
    const accused = gold.relationships
      .filter((r) => r.type === 'ACCUSES' && r.from === allegation.id)
      .map((r) => mapped.get(r.to));
    for (const p of proposals)
      if (
        p.kind === 'RELATIONSHIP' &&
        allegation.claimTypes?.includes(p.record.type as string) &&
        accused.includes(p.record.from as string)
      )
        problems.push(`${allegation.id}: ${String(p.record.type)} ${String(p.record.from)} -> ${String(p.record.to)}`);
  }
  return problems;
}

/** A report of at least `words` words: the article again and again, names varied so each copy differs. */
export function longReport(words = 10_000): string {
  const article = seedArticleText();
  const variants = [
    (t: string) => t,
    (t: string) => t.replace(/Kayes/g, 'Kidal').replace(/Senegal/g, 'Guinea'),
    (t: string) => t.replace(/Mali/g, 'Niger').replace(/Bamako/g, 'Niamey'),
    (t: string) => t.replace(/JNIM/g, 'ISGS').replace(/Moscow/g, 'Paris'),
  ];
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const part = variants[i % variants.length](article);
    parts.push(part);
    count += part.split(/\s+/).length;
  }
  return parts.join('\n\n');
}

export function timeLongReport(words = 10_000) {
  const text = longReport(words);
  const input = {
    documentId: 'long-report',
    text,
    language: 'en' as const,
    reliability: 'C' as const,
    knownEntities: [],
  };
  extractProposals(input);
  const times: number[] = [];
  let proposals = 0;
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    proposals = extractProposals(input).proposals.length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { words: text.split(/\s+/).length, milliseconds: Math.round(times[1]), proposals };
}
