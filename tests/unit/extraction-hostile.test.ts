import {
  extractProposals,
  type ExtractionInput,
  MAX_EXTRACTED_LENGTH,
  MAX_PROPOSALS,
  MAX_TEXT_LENGTH,
} from '../../src/documents/extraction';
import { ErrorCode } from '../../src/errors';
import { EntityKind } from '../../src/model/vocabulary';

/**
 * Hostile input to the extraction engine: too much text, runaway lines, control characters,
 * right-to-left script, emoji, repeated triggers. A clear BAD_USER_INPUT naming the field, or a
 * bounded, verbatim result: never a crash, never a regular expression that backtracks for ever.
 */
const input = (text: string, extra: Partial<ExtractionInput> = {}): ExtractionInput => ({
  documentId: 'hostile',
  text,
  language: 'en',
  knownEntities: [],
  ...extra,
});

/** The code and field of the error `run` throws ("no error" when it throws none). */
function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    const { extensions } = error as { extensions?: { code: string; field: string } };
    return `${extensions?.code} ${extensions?.field}`;
  }
  return 'no error';
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function expectVerbatim(text: string, result: ReturnType<typeof extractProposals>) {
  for (const p of result.proposals) {
    expect(text.slice(p.start, p.end)).toBe(p.excerpt);
    // A lone surrogate at either end would mean a pair was cut.
    expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p.excerpt)).toBe(false);
  }
  for (const m of result.mentions) expect(text.slice(m.start, m.end)).toBe(m.surface);
}

describe('hostile input to the extraction', () => {
  it('refuses a text over the cap, an unknown language, a malformed date and a missing document id', () => {
    expect(errorOf(() => extractProposals(input('a'.repeat(MAX_TEXT_LENGTH + 1))))).toBe(
      `${ErrorCode.BAD_USER_INPUT} text`,
    );
    expect(errorOf(() => extractProposals(input('Mali.', { language: 'xx' as 'en' })))).toBe(
      `${ErrorCode.BAD_USER_INPUT} language`,
    );
    expect(errorOf(() => extractProposals(input('Mali.', { documentDate: 'last Tuesday' })))).toBe(
      `${ErrorCode.BAD_USER_INPUT} documentDate`,
    );
    expect(errorOf(() => extractProposals(input('Mali.', { documentId: '' })))).toBe(
      `${ErrorCode.BAD_USER_INPUT} documentId`,
    );
  });

  it('reads a 1 MB line of one letter fast (no backtracking)', () => {
    const { result, ms } = timed(() => extractProposals(input('a'.repeat(1 << 20))));
    expect(ms).toBeLessThan(2_000);
    expect(result.proposals).toEqual([]);
  });

  it('reads at most MAX_EXTRACTED_LENGTH characters of a long text, and says so', () => {
    const sentence = 'Mali borders Senegal. ';
    const text = sentence.repeat(Math.ceil((MAX_EXTRACTED_LENGTH + 10_000) / sentence.length));
    const { result, ms } = timed(() => extractProposals(input(text)));
    expect(result.truncated).toBe(true);
    expect(Math.max(...result.sentences.map((s) => s.end))).toBeLessThanOrEqual(MAX_EXTRACTED_LENGTH);
    expect(ms).toBeLessThan(30_000);
  });

  it('keeps repeated triggers and names within the caps', () => {
    const text = 'The blockade of Mali by JNIM in the Sahel hit Kayes region traders. '.repeat(8_000);
    const { result, ms } = timed(() => extractProposals(input(text)));
    expect(result.truncated).toBe(true);
    expect(result.proposals.length).toBeLessThanOrEqual(MAX_PROPOSALS);
    expect(result.proposals.filter((p) => p.kind === 'EVENT').length).toBeLessThanOrEqual(2_000);
    expect(ms).toBeLessThan(30_000);
    expectVerbatim(text, result);
  });

  it('survives control characters, right-to-left script and emoji with offsets intact', () => {
    const text =
      '\u0000\u0007 Al-Qaeda-linked militants\u200f attacked 🇲🇱 Mali. مالي 👩🏽‍🚒 The blockade in Mali\u202e continues.\r\nMoscow has accused Ukrainian intelligence of supporting the militants 🙂, a claim Kiev has denied.';
    const result = extractProposals(input(text, { reliability: 'B' }));
    expectVerbatim(text, result);
    expect(result.proposals.some((p) => p.kind === 'ALLEGATION')).toBe(true);
    expect(result.proposals.some((p) => p.kind === 'DENIAL')).toBe(true);
  });

  it('never cuts an excerpt inside a surrogate pair', () => {
    const text = `${'😀'.repeat(600)} Mali borders Senegal.`;
    const result = extractProposals(input(text));
    expectVerbatim(text, result);
    expect(result.proposals.length).toBeGreaterThan(0);
  });

  it('ignores known names too long to match and bounds aliases', () => {
    const knownEntities = [
      { id: 'long', kind: EntityKind.ACTOR, name: 'word '.repeat(1_000), aliases: [] },
      {
        id: 'many',
        kind: EntityKind.ACTOR,
        name: 'Many',
        aliases: Array.from({ length: 10_000 }, (_, i) => `Alias ${i}`),
      },
    ];
    const result = extractProposals(input('Many met Alias 3 and Alias 9000 in Mali.', { knownEntities }));
    expect(result.mentions.filter((m) => m.entityId === 'many').map((m) => m.surface)).toEqual(['Many', 'Alias 3']);
  });
});
