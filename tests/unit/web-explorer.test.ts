import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { readmeExamples } from '../../tools/web/readme-examples';
import { isMarked, linkMarks, markInWords, mergeMarks, reasonsToSay } from '../../web/explorer/contested';
import { formatState, parseState, type ViewState } from '../../web/explorer/state';

describe('the explorer view in the URL', () => {
  it('round-trips a view through the query string', () => {
    const view: ViewState = {
      expanded: ['ukraine', 'jnim'],
      selected: 'jnim',
      from: 'ukraine',
      to: 'jnim',
      filters: { types: ['DENIES', 'CONCERNS'], minCredibility: 3, asOf: '2011-05' },
    };
    const text = formatState(view);
    expect(text).toBe(
      '?expand=ukraine,jnim&select=jnim&from=ukraine&to=jnim&types=DENIES,CONCERNS&minCredibility=3&asOf=2011-05',
    );
    expect(parseState(text)).toEqual(view);
  });

  it('drops malformed parts of a shared address instead of sending them to the API', () => {
    const view = parseState(
      '?expand=ukraine,<script>,,jnim&from=a%20b&types=DENIES,drop table&minCredibility=9&asOf=2011-5',
    );
    expect(view).toEqual({
      expanded: ['ukraine', 'jnim'],
      selected: undefined,
      from: undefined,
      to: undefined,
      filters: { types: ['DENIES'], minCredibility: undefined, asOf: undefined },
    });
    expect(formatState(parseState(''))).toBe('');
  });
});

describe('what the explorer draws dashed, with a marker (contested.ts)', () => {
  it('marks allegation links and links through an Allegation node as claims', () => {
    expect(linkMarks({ type: 'DENIES', fromKind: 'Actor', toKind: 'Allegation' })).toEqual(['claim']);
    expect(linkMarks({ type: 'ALLEGES' })).toEqual(['claim']);
    expect(linkMarks({ type: 'PARTICIPATED_IN', fromKind: 'Allegation', toKind: 'Event' })).toEqual(['claim']);
    expect(isMarked({ type: 'MEMBER_OF', fromKind: 'Actor', toKind: 'Actor' })).toBe(false);
    expect(linkMarks({ type: 'MEMBER_OF', contested: false, hypothetical: false })).toEqual([]);
  });

  it("adds the API's verdicts: contested first, then hypothetical, and never lets a false verdict unmark a claim", () => {
    expect(linkMarks({ type: 'CONCERNS', fromKind: 'Allegation', toKind: 'Actor', contested: true })).toEqual([
      'contested',
      'claim',
    ]);
    expect(linkMarks({ type: 'PARTICIPATED_IN', fromKind: 'Actor', toKind: 'Event', hypothetical: true })).toEqual([
      'hypothetical',
    ]);
    expect(linkMarks({ type: 'SUPPORTS', contested: true, hypothetical: true })).toEqual(['contested', 'hypothetical']);
    expect(linkMarks({ type: 'DENIES', contested: false })).toEqual(['claim']);
  });

  it('merges a path verdict into a link drawn from a neighbourhood, strongest first', () => {
    expect(mergeMarks(['claim'], ['contested', 'claim'])).toEqual(['contested', 'claim']);
    expect(mergeMarks([], ['hypothetical'])).toEqual(['hypothetical']);
    expect(mergeMarks(['claim'], [])).toEqual(['claim']);
  });

  it('says each reason in words with its own marker', () => {
    expect(markInWords('claim')).toBe('◇ claim (not an established fact)');
    expect(markInWords('contested')).toBe('◆ contested claim (denied or disputed)');
    expect(markInWords('hypothetical')).toBe('○ did not happen (considered/planned/threatened)');
    expect(reasonsToSay(['contested', 'claim'])).toEqual(['contested']);
    expect(reasonsToSay(['hypothetical', 'claim'])).toEqual(['hypothetical', 'claim']);
  });
});

describe('the README examples the IDE opens as tabs', () => {
  const examples = readmeExamples(readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8'));

  it('starts with the first README query, named, with its comment', () => {
    expect(examples[0]?.query).toMatch(
      /^# Who are the members of the AES, and who says so\?\nquery Entity \{ entity\(id: "aes"\)/,
    );
  });

  it('gives every operation of a multi-operation block its own tab with a distinct name', () => {
    const searches = examples.filter(({ query }) => /query Search\d* \{ search\(/.test(query));
    expect(searches.map(({ query }) => query.match(/query (Search\d*)/)?.[1])).toEqual(['Search', 'Search2']);
    expect(searches[0]?.query).toContain('# Alias-aware, accent-insensitive, typo-tolerant search');
  });
});

describe('IDE_ENABLED', () => {
  it('is on in development, off in production unless set', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).web.ideEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).web.ideEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', IDE_ENABLED: 'true' }).web.ideEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', IDE_ENABLED: 'false' }).web.ideEnabled).toBe(false);
  });
});
