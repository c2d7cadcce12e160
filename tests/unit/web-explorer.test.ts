import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { readmeExamples } from '../../tools/web/readme-examples';
import { isMarked, linkMarks, markInWords, mergeMarks, reasonsToSay } from '../../web/explorer/contested';
import { addNeighborhood, emptyModel } from '../../web/explorer/model';
import { evidenceRows, reportHead } from '../../web/explorer/report';
import { csvCell, escapeMarkup, evidenceCsv } from '../../web/explorer/report-files';
import { formatState, parseState, type ViewState } from '../../web/explorer/state';
import { curlCommand, fetchSnippet, requestOf, shellQuote } from '../../web/ide/snippets';

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

describe('the evidence table of an export (report.ts, report-files.ts)', () => {
  const source = { id: 's', title: 'A report', reliability: 'C', reliabilityMeaning: 'fairly reliable' };
  const model = emptyModel();
  addNeighborhood(
    model,
    [
      { __typename: 'Allegation', id: 'claim', name: 'The claim', claimCredibility: 6 },
      { __typename: 'Actor', id: 'jnim', name: 'JNIM' },
    ],
    [
      {
        id: 'ACCUSES:claim->jnim',
        type: 'ACCUSES',
        fromId: 'claim',
        toId: 'jnim',
        credibility: 2,
        excerpt: '=1+1, "quoted"\nnext line',
        sources: [source],
        evidence: [],
      },
    ],
    false,
  );

  it("grades a claim link twice: the claim's grade (the worse of link and claim) and the report's", () => {
    const [row] = evidenceRows(model);
    expect(row).toMatchObject({
      link: 'ACCUSES:claim->jnim',
      marks: '◇ claim (not an established fact)',
      claimGrade: 'credibility 6: truth cannot be judged',
      grade: 'credibility 2: probably true',
      sources: 'A report, reliability C: fairly reliable',
    });
  });

  it('quotes every CSV cell and defuses formulas with a leading apostrophe (OWASP)', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(['+1', '-1', '@A1', '\t=1', '\r=1'].map((value) => csvCell(value).slice(0, 2))).toEqual(Array(5).fill(`"'`));
    expect(csvCell('Kayes, Mali')).toBe('"Kayes, Mali"');
    const csv = evidenceCsv(evidenceRows(model));
    expect(csv.startsWith('\ufeff"Link",')).toBe(true);
    expect(csv).toContain(`"'=1+1, ""quoted""\nnext line"`);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('prints the filters in words and escapes markup', () => {
    const state = parseState('?expand=jnim&minCredibility=3&asOf=2011');
    const head = reportHead(model, state, '', new Date('2026-01-02T03:04:05Z'));
    expect(head).toEqual({
      title: 'Around JNIM',
      date: '2026-01-02 03:04 UTC',
      filters: [
        'Relationship types: all but evidence links',
        'Minimum credibility: credibility 3: possibly true, or better',
        'As of: 2011',
        'Expanded: JNIM',
        'In view: 2 entities, 1 link',
      ],
    });
    expect(escapeMarkup(`<b title="x">'&'</b>`)).toBe('&lt;b title=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
  });
});

describe("the IDE's copy as curl / fetch (snippets.ts)", () => {
  const contents = {
    query: 'query Q($id: ID!) { entity(id: $id) { name } }',
    variables: '{ "id": "o\'brien" }',
    headers: '{ "x-api-key": "k", "empty": "" }',
    operationName: 'Q',
  };

  it('sends what the IDE sends: the variables, the named operation and the non-empty headers', () => {
    const request = requestOf('http://127.0.0.1:4000/graphql', contents);
    expect(request).toEqual({
      url: 'http://127.0.0.1:4000/graphql',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'x-api-key': 'k',
      },
      body: { query: contents.query, variables: { id: "o'brien" }, operationName: 'Q' },
    });
    if (!('url' in request)) throw new Error('no request');
    expect(curlCommand(request)).toContain(
      `'{"query":"query Q($id: ID!) { entity(id: $id) { name } }","variables":{"id":"o'\\''brien"},"operationName":"Q"}'`,
    );
    expect(fetchSnippet(request)).toMatch(/^const response = await fetch\("http:\/\/127.0.0.1:4000\/graphql", \{/);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('names the editor whose text is not a JSON object', () => {
    expect(requestOf('u', { ...contents, variables: '[1]' })).toEqual({ problem: 'Variables must be a JSON object.' });
    expect(requestOf('u', { ...contents, headers: '{' })).toEqual({ problem: 'Headers must be a JSON object.' });
    expect(requestOf('u', { ...contents, query: ' ' })).toEqual({ problem: 'The query editor is empty.' });
  });
});
