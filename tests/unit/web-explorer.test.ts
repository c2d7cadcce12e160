import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { readmeExamples } from '../../tools/web/readme-examples';
import { ActorKind } from '../../src/model/vocabulary';
import { entityMarks, isMarked, linkMarks, markInWords, mergeMarks, reasonsToSay } from '../../web/explorer/contested';
import { ALL_NODE_LOOKS, gradeLine, nodeLook } from '../../web/explorer/look';
import { addNeighborhood, addPaths, emptyModel, gradeOf, named } from '../../web/explorer/model';
import type { EdgeData, HopData, NodeData, PathData } from '../../web/explorer/queries';
import { evidenceRows, reportHead } from '../../web/explorer/report';
import { csvCell, escapeMarkup, evidenceCsv } from '../../web/explorer/report-files';
import { formatState, parseState, type ViewState } from '../../web/explorer/state';
import { kindWord, qualifiedNames, sentence } from '../../web/explorer/words';
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

describe('marks from the entities at either end, as the API rules a path hop (contested.ts)', () => {
  it('marks a link to a denied or disputed allegation contested, and one to a merely alleged claim a claim', () => {
    expect(linkMarks({ type: 'ALLEGES', fromKind: 'Actor', toKind: 'Allegation', toStatus: 'DENIED' })).toEqual([
      'contested',
      'claim',
    ]);
    expect(linkMarks({ type: 'CONCERNS', fromKind: 'Allegation', fromStatus: 'DISPUTED', toKind: 'Actor' })).toEqual([
      'contested',
      'claim',
    ]);
    expect(linkMarks({ type: 'ALLEGES', fromKind: 'Actor', toKind: 'Allegation', toStatus: 'ALLEGED' })).toEqual([
      'claim',
    ]);
    // Someone denies it (a DENIES link in view): contested whatever its recorded status.
    expect(
      linkMarks({ type: 'ALLEGES', fromKind: 'Actor', toKind: 'Allegation', toStatus: 'ALLEGED', denied: true }),
    ).toEqual(['contested', 'claim']);
  });

  it('marks a link to an event that was only considered, planned or threatened hypothetical, not one that occurred', () => {
    for (const status of ['CONSIDERED', 'PLANNED', 'THREATENED'])
      expect(linkMarks({ type: 'PARTICIPATED_IN', fromKind: 'Actor', toKind: 'Event', toStatus: status })).toEqual([
        'hypothetical',
      ]);
    expect(linkMarks({ type: 'OCCURRED_IN', fromKind: 'Event', fromStatus: 'CONSIDERED', toKind: 'Location' })).toEqual(
      ['hypothetical'],
    );
    expect(linkMarks({ type: 'PARTICIPATED_IN', fromKind: 'Actor', toKind: 'Event', toStatus: 'OCCURRED' })).toEqual(
      [],
    );
    expect(linkMarks({ type: 'PARTICIPATED_IN', fromKind: 'Actor', toKind: 'Event', toStatus: 'ONGOING' })).toEqual([]);
  });

  it("gives an entity its own marks: any allegation a claim, a denied one contested, an event that didn't happen hypothetical", () => {
    expect(entityMarks({ kind: 'Allegation', status: 'DENIED' })).toEqual(['contested', 'claim']);
    expect(entityMarks({ kind: 'Allegation', status: 'ALLEGED' })).toEqual(['claim']);
    expect(entityMarks({ kind: 'Allegation', status: 'ALLEGED', denied: true })).toEqual(['contested', 'claim']);
    expect(entityMarks({ kind: 'Event', status: 'CONSIDERED' })).toEqual(['hypothetical']);
    expect(entityMarks({ kind: 'Event', status: 'OCCURRED' })).toEqual([]);
    expect(entityMarks({ kind: 'Actor' })).toEqual([]);
  });
});

const source = { id: 's', title: 'T', reliability: 'C', reliabilityMeaning: 'fairly reliable' };
const node = (id: string, __typename: string, more: Partial<NodeData> = {}): NodeData => ({
  __typename,
  id,
  name: id,
  ...more,
});
const link = (type: string, fromId: string, toId: string, credibility = 2, role?: string): EdgeData => ({
  id: `${type}:${fromId}->${toId}`,
  type,
  fromId,
  toId,
  credibility,
  excerpt: 'e',
  role,
  sources: [source],
  evidence: [],
});

describe('the view model: one mapping for the graph, the panels and the list (model.ts)', () => {
  it('marks links drawn from a neighbourhood by the entities at their ends, whichever neighbourhood brought them', () => {
    const model = emptyModel();
    // Russia's neighbourhood brings the link before the allegation's own node status is known...
    addNeighborhood(model, [node('russia', 'Actor')], [link('ALLEGES', 'russia', 'claim')], false);
    expect(model.edges.get('ALLEGES:russia->claim')?.marks).toEqual(['claim']);
    // ...the allegation's neighbourhood brings it: denied, so every link to it is contested.
    addNeighborhood(
      model,
      [
        node('claim', 'Allegation', { status: 'DENIED', credibility: 2, claimCredibility: 6 }),
        node('jnim', 'Actor'),
        node('icj-action', 'Event', { eventStatus: 'CONSIDERED' }),
        node('aes', 'Actor'),
      ],
      [link('CONCERNS', 'claim', 'jnim', 3), link('PARTICIPATED_IN', 'aes', 'icj-action', 2, 'INITIATOR')],
      false,
    );
    expect(model.edges.get('ALLEGES:russia->claim')?.marks).toEqual(['contested', 'claim']);
    expect(model.edges.get('CONCERNS:claim->jnim')?.marks).toEqual(['contested', 'claim']);
    expect(model.edges.get('PARTICIPATED_IN:aes->icj-action#INITIATOR')?.marks).toEqual(['hypothetical']);
    expect(model.nodes.get('claim')?.marks).toEqual(['contested', 'claim']);
    expect(model.nodes.get('icj-action')?.marks).toEqual(['hypothetical']);
    // The claim link carries the claim's grade (the worse of the link's and the claim's, as Hop.credibility).
    const claim = model.edges.get('CONCERNS:claim->jnim')!;
    expect(claim.claimCredibility).toBe(6);
    expect(gradeOf(claim)).toBe(6);
    expect(model.edges.get('ALLEGES:russia->claim')?.claimCredibility).toBeUndefined();
  });

  it("keeps a path's verdicts on a link when the view is settled again", () => {
    const model = emptyModel();
    addNeighborhood(model, [node('a', 'Actor'), node('b', 'Actor')], [link('SUPPORTS', 'a', 'b')], false);
    const hop: HopData = {
      from: { __typename: 'Actor', id: 'a', name: 'a' },
      to: { __typename: 'Actor', id: 'b', name: 'b' },
      type: 'SUPPORTS',
      direction: 'OUTGOING',
      credibility: 2,
      reportCredibility: 2,
      contested: true,
      hypothetical: false,
      excerpt: 'e',
      score: 0.5,
      sources: [source],
      evidence: [],
    };
    const onePath: PathData = {
      length: 1,
      score: 0.5,
      viaAllegation: false,
      contested: true,
      hypothetical: false,
      explanation: '',
      nodes: [node('a', 'Actor'), node('b', 'Actor')],
      hops: [hop],
      steps: [],
    };
    addPaths(model, onePath, []);
    addNeighborhood(model, [], [], false);
    expect(model.edges.get('SUPPORTS:a->b')?.marks).toEqual(['contested']);
  });

  it('qualifies names two entities in view share by their kind, and only those', () => {
    const model = emptyModel();
    addNeighborhood(
      model,
      [
        node('mali', 'Actor', { name: 'Mali', actorKind: 'STATE' }),
        node('mali-country', 'Location', { name: 'Mali', locationKind: 'COUNTRY' }),
        node('jnim', 'Actor', { name: 'JNIM', actorKind: 'ARMED_GROUP' }),
      ],
      [],
      false,
    );
    expect([...model.nodes.values()].map((entity) => entity.label)).toEqual(['Mali (state)', 'Mali (country)', 'JNIM']);
    expect(named(model, 'mali-country').name).toBe('Mali (country)');
    expect(
      qualifiedNames(
        [
          { id: 'x', name: 'Sahel', kind: 'Location', locationKind: 'REGION' },
          { id: 'y', name: 'sahel', kind: 'Actor', actorKind: 'ARMED_GROUP' },
        ],
        kindWord,
      ),
    ).toEqual(
      new Map([
        ['x', 'Sahel (region)'],
        ['y', 'sahel (armed group)'],
      ]),
    );
  });
});

describe('links in words, roles and tense from the server vocabulary (words.ts)', () => {
  const jnim = { __typename: 'Actor', name: 'JNIM' };
  const airstrikes = { __typename: 'Event', name: 'Airstrikes in response to the blockade', eventStatus: 'OCCURRED' };
  const icj = { __typename: 'Event', name: 'Legal action at the ICJ', eventStatus: 'CONSIDERED' };

  it('says the role an actor had in an event, never the bare type', () => {
    expect(sentence(jnim, 'PARTICIPATED_IN', airstrikes, 'TARGET')).toBe(
      'JNIM was a target of the airstrikes in response to the blockade',
    );
    expect(sentence(jnim, 'PARTICIPATED_IN', airstrikes, 'PERPETRATOR')).toBe(
      'JNIM carried out the airstrikes in response to the blockade',
    );
    expect(
      sentence({ __typename: 'Actor', name: 'Six drivers', plural: true }, 'PARTICIPATED_IN', airstrikes, 'VICTIM'),
    ).toBe('Six drivers were victims of the airstrikes in response to the blockade');
    expect(sentence({ __typename: 'Actor', name: 'Ukraine' }, 'PARTICIPATED_IN', icj, 'TARGET')).toBe(
      'Ukraine would be a target of the legal action at the ICJ (considered, not carried out)',
    );
  });

  it("reads an event's links in its tense, and other links by the vocabulary's phrase", () => {
    const blockade = { __typename: 'Event', name: 'Economic blockade', eventStatus: 'ONGOING' };
    expect(sentence(blockade, 'DISRUPTS', { __typename: 'Location', name: 'Kayes' })).toBe(
      'The economic blockade is disrupting Kayes',
    );
    expect(sentence(jnim, 'OPPOSES', { __typename: 'Actor', name: 'Mali (state)' })).toBe('JNIM opposes Mali (state)');
    expect(sentence({ __typename: 'Actor', name: 'Ukraine' }, 'DENIES', { __typename: 'Allegation', name: 'X.' })).toBe(
      'Ukraine denies the allegation “X.”',
    );
  });
});

describe('the look of each kind (look.ts), which the drawing and the legend share', () => {
  it('gives every actor kind its own shape, and each other kind of entity its own', () => {
    const shapes = ALL_NODE_LOOKS.map((look) => look.shape);
    expect(ALL_NODE_LOOKS.filter((look) => look.key.startsWith('actor:'))).toHaveLength(
      Object.values(ActorKind).length,
    );
    // Actors of unknown kind share the generic actor's shape (a person's); every other look differs.
    expect(new Set(shapes).size).toBe(shapes.length - 1);
    expect(nodeLook({ kind: 'Actor', actorKind: 'STATE' })).toMatchObject({ key: 'actor:STATE', label: 'state' });
    expect(nodeLook({ kind: 'Actor', actorKind: 'ARMED_GROUP' }).label).toBe('armed group');
    expect(nodeLook({ kind: 'Location', locationKind: 'COUNTRY' } as never).key).toBe('kind:Location');
  });

  it('draws a better-graded link wider and more opaque', () => {
    for (let grade = 1; grade < 6; grade += 1) {
      expect(gradeLine(grade).width).toBeGreaterThan(gradeLine(grade + 1).width);
      expect(gradeLine(grade).opacity).toBeGreaterThanOrEqual(gradeLine(grade + 1).opacity);
    }
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
  const reportSource = { id: 's', title: 'A report', reliability: 'C', reliabilityMeaning: 'fairly reliable' };
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
        sources: [reportSource],
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
