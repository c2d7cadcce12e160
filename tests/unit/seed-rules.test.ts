import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { relationshipId } from '../../src/bundle/format';

/**
 * The seed keeps its own grading table (seed/README.md, "Grading"): the article's own voice is
 * graded 2; what it attributes to others cites that source too and is graded 3; an inference
 * (listed with its reason in seed/grading.json) is graded 3 at best; claims nobody independent
 * corroborates are graded 6. Every excerpt occurs in the article's text; every date is one the
 * article states.
 */

const SEED = join(__dirname, '../../seed');
type Item = {
  id?: string;
  type?: string;
  from?: string;
  to?: string;
  role?: string;
  sourceIds: string[];
  credibility: number;
  excerpt: string;
};
const bundle = JSON.parse(readFileSync(join(SEED, 'sahel.bundle.json'), 'utf8'));
const grading = JSON.parse(readFileSync(join(SEED, 'grading.json'), 'utf8')) as {
  article: string;
  articleText: string;
  secondarySources: string[];
  grades: { ownVoice: number; attributed: number; inferenceAtBest: number; claimUncorroborated: number };
  inferences: Record<string, string>;
  attributedPassages: Record<string, string>;
  terms: Record<string, string[]>;
};

/** Whitespace runs become one space; curly quotes and apostrophes become straight ones. */
const normalise = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
const articleText = normalise(readFileSync(join(SEED, grading.articleText), 'utf8').split('## Text')[1]);

const keyOf = (item: Item) => item.id ?? relationshipId(item as Parameters<typeof relationshipId>[0]);
const items: Item[] = [
  ...bundle.actors,
  ...bundle.locations,
  ...bundle.events,
  ...bundle.allegations,
  ...bundle.relationships,
];

const passages = Object.entries(grading.attributedPassages).map(([id, text]) => [id, normalise(text)] as const);
/** Where an excerpt stands in the article: [start, end). */
const spanOf = (excerpt: string) => {
  const start = articleText.indexOf(normalise(excerpt));
  return [start, start + normalise(excerpt).length] as const;
};
const within = (excerpt: string, passage: string) => {
  const [start, end] = spanOf(excerpt);
  const from = articleText.indexOf(passage);
  return start >= 0 && from >= 0 && start < from + passage.length && end > from;
};
/** Whether an excerpt names an entity by one of the words the article uses for it. */
const names = (excerpt: string, id: string) =>
  (grading.terms[id] ?? []).some((term) => normalise(excerpt).includes(normalise(term)));
// A CITES link records that the article attributes a passage: its excerpt is that passage.
const ownVoice = items.filter(
  (item) =>
    !(keyOf(item) in grading.inferences) && item.credibility === grading.grades.ownVoice && item.type !== 'CITES',
);

describe('the seed keeps its grading table', () => {
  it("has the article's text under seed/sources", () => {
    expect(articleText).toContain('Mali Suffering from Jihadist Economic Blockade');
    expect(articleText.length).toBeGreaterThan(2_000);
  });

  it.each(items.map((item) => [keyOf(item), item] as const))('%s quotes the article', (_key, item) => {
    expect(item.sourceIds).toContain(grading.article);
    expect(articleText).toContain(normalise(item.excerpt));
  });

  it.each(items.map((item) => [keyOf(item), item] as const))('%s is graded by the table', (key, item) => {
    const rule =
      key in grading.inferences
        ? 'inference'
        : item.sourceIds.some((id) => grading.secondarySources.includes(id))
          ? 'attributed'
          : 'own voice';
    const keeps = {
      inference: item.credibility >= grading.grades.inferenceAtBest,
      attributed: item.credibility === grading.grades.attributed,
      'own voice': item.credibility === grading.grades.ownVoice && item.sourceIds.length === 1,
    }[rule];
    expect({ rule, credibility: item.credibility, sourceIds: item.sourceIds, keeps }).toMatchObject({ keeps: true });
  });

  it('grades the same attributed sentence the same everywhere', () => {
    const grades = new Map<string, Set<number>>();
    // A CITES link records that the article attributes the sentence (its own voice), not the sentence's content.
    for (const item of items) {
      if (keyOf(item) in grading.inferences || item.type === 'CITES') continue;
      grades.set(item.excerpt, (grades.get(item.excerpt) ?? new Set()).add(item.credibility));
    }
    expect([...grades].filter(([, set]) => set.size > 1)).toEqual([]);
  });

  it('lists only inferences that are in the bundle', () => {
    const keys = new Set(items.map(keyOf));
    expect(Object.keys(grading.inferences).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('grades no claim above "cannot be judged" without an independent source', () => {
    for (const allegation of bundle.allegations)
      expect(allegation.claimCredibility).toBe(grading.grades.claimUncorroborated);
  });

  it('states only dates the article states: the article itself is undated', () => {
    const article = bundle.sources.find((s: { id: string }) => s.id === grading.article);
    expect(article.published).toBeUndefined();
    expect(article.description).toMatch(/undated/i);
    const dates = [
      ...bundle.events.flatMap((e: Record<string, string>) => [e.start, e.end]),
      ...bundle.allegations.map((a: Record<string, string>) => a.date),
      ...bundle.relationships.flatMap((r: Record<string, string>) => [r.validFrom, r.validTo, r.date]),
      ...bundle.sources.map((s: Record<string, string>) => s.published),
    ].filter(Boolean);
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(articleText).toContain(date);
    expect(JSON.stringify(bundle)).not.toContain('2025');
  });

  it("models the six drivers as a group of six linked to Senegal, and JNIM's public warning", () => {
    const drivers = bundle.actors.find((a: { id: string }) => a.id === 'senegalese-truck-drivers');
    expect(drivers).toMatchObject({ kind: 'GROUP', quantity: { value: 6 } });
    expect(bundle.relationships).toContainEqual(
      expect.objectContaining({ type: 'NATIONAL_OF', from: 'senegalese-truck-drivers', to: 'senegal' }),
    );
    expect(bundle.events).toContainEqual(expect.objectContaining({ id: 'jnim-public-warning', type: 'STATEMENT' }));
    expect(
      bundle.relationships.filter((r: Item) => r.from === 'malian-airstrikes' && r.type === 'OCCURRED_IN').length,
    ).toBeGreaterThan(0);
  });

  it('keeps the attributed passages and the words for each entity verbatim from the article', () => {
    for (const [, passage] of passages) expect(articleText).toContain(passage);
    for (const [id, terms] of Object.entries(grading.terms))
      for (const term of terms) expect([id, articleText.includes(normalise(term))]).toEqual([id, true]);
  });

  it.each(ownVoice.map((item) => [keyOf(item), item] as const))(
    "%s, graded 2, is stated in the article's own voice by its excerpt",
    (_key, item) => {
      // Not in a passage the article attributes to others ("According to Malian media", "Local media reports suggest").
      expect(passages.filter(([, passage]) => within(item.excerpt, passage)).map(([id]) => id)).toEqual([]);
    },
  );

  it.each(
    items
      .filter((item) => item.sourceIds.some((id) => id in grading.attributedPassages))
      .map((item) => [keyOf(item), item] as const),
  )('%s cites a secondary source for words the article attributes to it', (_key, item) => {
    for (const id of item.sourceIds.filter((source) => source in grading.attributedPassages))
      expect([id, within(item.excerpt, normalise(grading.attributedPassages[id]))]).toEqual([id, true]);
  });

  it.each(
    items
      .filter((item) => !(keyOf(item) in grading.inferences) && item.type !== 'CITES')
      .map((item) => [keyOf(item), item] as const),
  )('%s, not an inference, names what it is about in its excerpt', (key, item) => {
    // The entity, or both ends of the link, by a word the article uses for it.
    const ends = item.id ? [item.id] : [item.from!, item.to!];
    expect(ends.filter((id) => !names(item.excerpt, id)).map((id) => `${key} does not name ${id}`)).toEqual([]);
  });
});
