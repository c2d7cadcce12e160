import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { readmeExamples } from '../../tools/web/readme-examples';
import { isContested } from '../../web/explorer/contested';
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
    expect(text).toBe('?expand=ukraine,jnim&select=jnim&from=ukraine&to=jnim&types=DENIES,CONCERNS&minCredibility=3&asOf=2011-05');
    expect(parseState(text)).toEqual(view);
  });

  it('drops malformed parts of a shared address instead of sending them to the API', () => {
    const view = parseState('?expand=ukraine,<script>,,jnim&from=a%20b&types=DENIES,drop table&minCredibility=9&asOf=2011-5');
    expect(view).toEqual({ expanded: ['ukraine', 'jnim'], selected: undefined, from: undefined, to: undefined, filters: { types: ['DENIES'], minCredibility: undefined, asOf: undefined } });
    expect(formatState(parseState(''))).toBe('');
  });
});

describe('what the explorer draws as contested', () => {
  it('marks allegation links and links through an Allegation node; the API verdict wins once it exists', () => {
    expect(isContested({ type: 'DENIES', fromKind: 'Actor', toKind: 'Allegation' })).toBe(true);
    expect(isContested({ type: 'ALLEGES' })).toBe(true);
    expect(isContested({ type: 'PARTICIPATED_IN', fromKind: 'Allegation', toKind: 'Event' })).toBe(true);
    expect(isContested({ type: 'MEMBER_OF', fromKind: 'Actor', toKind: 'Actor' })).toBe(false);
    expect(isContested({ type: 'MEMBER_OF', contested: true })).toBe(true);
    expect(isContested({ type: 'DENIES', contested: false })).toBe(false);
  });
});

describe('the README examples the IDE opens as tabs', () => {
  const examples = readmeExamples(readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8'));

  it('starts with the first README query, named, with its comment', () => {
    expect(examples[0]?.query).toMatch(/^# Who are the members of the AES, and who says so\?\nquery Entity \{ entity\(id: "aes"\)/);
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
