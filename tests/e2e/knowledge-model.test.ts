import { useSeededApp } from '../support/seeded-app';

type Edge = {
  type: string;
  direction: string;
  credibility: number;
  excerpt: string;
  quantity: { measure: string; value: number; approximate: boolean } | null;
  node: { id: string; name: string; __typename: string };
  sources: Array<{ id: string; title: string; reliability: string }>;
};

const EDGE_FIELDS = `type direction credibility excerpt quantity { measure value approximate }
  node { __typename id name } sources { id title reliability }`;

/** Investigator questions answered over real HTTP on the seeded real Neo4j. */
describe('the knowledge model on the seeded graph', () => {
  const { ask, reject } = useSeededApp();
  const relationshipsOf = async (id: string, args: string) =>
    (
      await ask<{ entity: { relationships: { totalCount: number; edges: Edge[] } } }>(
        `query($id: ID!) { entity(id: $id) { relationships(${args}) { totalCount edges { ${EDGE_FIELDS} } } } }`,
        { id },
      )
    ).entity.relationships;

  it('who are the members of the AES?', async () => {
    const rels = await relationshipsOf('aes', 'types: [MEMBER_OF], direction: INCOMING');
    expect(rels.edges.map((e) => e.node.id).sort()).toEqual(['burkina-faso', 'mali', 'niger']);
    for (const edge of rels.edges) {
      expect(edge.direction).toBe('INCOMING');
      expect(edge.sources.map((s) => s.id)).toContain('wellbrock-mali-blockade');
      expect(edge.sources[0].reliability).toMatch(/^[A-F]$/);
      expect(edge.excerpt.length).toBeGreaterThan(0);
    }
  });

  it('who denies the allegation against Ukrainian intelligence, and who makes it?', async () => {
    const data = await ask<{ allegation: { status: string; relationships: { edges: Edge[] } } }>(
      `{ allegation(id: "russia-accuses-ukrainian-intelligence") { status
         relationships(types: [ALLEGES, DENIES, ACCUSES, CONCERNS]) { edges { ${EDGE_FIELDS} } } } }`,
    );
    const byType = (type: string) =>
      data.allegation.relationships.edges.filter((e) => e.type === type).map((e) => e.node.id);
    expect(data.allegation.status).toBe('DENIED');
    expect(byType('DENIES')).toEqual(['ukraine']);
    expect(byType('ALLEGES')).toEqual(['russia']);
    expect(byType('ACCUSES')).toEqual(['ukrainian-intelligence']);
    expect(byType('CONCERNS')).toContain('jnim');
  });

  it("which region holds most of Mali's gold?", async () => {
    const rels = await relationshipsOf('mali-country', 'types: [PART_OF], direction: INCOMING');
    const gold = rels.edges.filter((e) => e.quantity?.measure.toLowerCase().includes('gold'));
    const top = gold.sort((a, b) => b.quantity!.value - a.quantity!.value)[0];
    expect(top.node.id).toBe('kayes');
    expect(top.quantity).toEqual(expect.objectContaining({ value: 0.8, approximate: true }));
  });

  it('which corridors does the blockade cut, and where do they lead?', async () => {
    const rels = await relationshipsOf('jnim-economic-blockade', 'types: [DISRUPTS], direction: OUTGOING');
    const corridors = rels.edges.filter((e) => e.node.__typename === 'Location').map((e) => e.node.id);
    expect(corridors).toEqual(expect.arrayContaining(['kayes-corridor', 'nioro-corridor']));
    const data = await ask<{ locations: { nodes: Array<{ id: string; relationships: { edges: Edge[] } }> } }>(
      `{ locations(filter: { kinds: [CORRIDOR] }) { nodes { id relationships(types: [CONNECTS], direction: OUTGOING) { edges { node { id } } } } } }`,
    );
    const reach = Object.fromEntries(
      data.locations.nodes.map((n) => [n.id, n.relationships.edges.map((e) => (e as unknown as Edge).node.id).sort()]),
    );
    // "These routes also connect Mali to Senegal and Mauritania": read as each route doing so.
    expect(reach['kayes-corridor']).toEqual(['mali-country', 'mauritania-country', 'senegal-country']);
    expect(reach['nioro-corridor']).toEqual(['mali-country', 'mauritania-country', 'senegal-country']);
  });

  it('keeps the state actor and its territory apart, and linked', async () => {
    const data = await ask<{
      actor: { __typename: string; kind: string };
      location: { __typename: string; isoCode: string };
    }>('{ actor(id: "mali") { __typename kind } location(id: "mali-country") { __typename isoCode } }');
    expect(data).toEqual({
      actor: { __typename: 'Actor', kind: 'STATE' },
      location: { __typename: 'Location', isoCode: 'ML' },
    });
    const rels = await relationshipsOf('mali', 'types: [GOVERNS]');
    expect(rels.edges.map((e) => e.node.id)).toEqual(['mali-country']);
  });

  it.each([
    ['Kyiv', 'ukraine', /^Kyiv$/],
    ['kiev', 'ukraine', /^Kiev$/],
    ['GSIM', 'jnim', /^GSIM$/],
    ['Jamaat Nusrat al Islam', 'jnim', /Nusrat al-Islam/],
    ['Jama’at Nusrat', 'jnim', /Nusrat al-Islam/],
    ['alliance des etats du sahel', 'aes', /^Alliance des États du Sahel$/],
    ['International Court of Justice', 'icj', /^International Court of Justice$/],
    ['Moscow', 'russia', /^Moscow$/],
    ['Senegall', 'senegal', /Senegal/],
  ])('search(%p) finds %s first', async (query, id, matched) => {
    const data = await ask<{ search: Array<{ entity: { id: string }; score: number; matched: string }> }>(
      'query($q: String!) { search(query: $q, first: 5) { entity { id } score matched } }',
      { q: query },
    );
    expect(data.search[0].entity.id).toBe(id);
    expect(data.search[0].score).toBeGreaterThan(0);
    expect(data.search[0].matched).toMatch(matched);
  });

  it('search does not invent: a name the article never uses finds nothing; a term ranks what it names above what mentions it', async () => {
    type Hits = { search: Array<{ entity: { id: string } }> };
    const find = (q: string) =>
      ask<Hits>('query($q: String!) { search(query: $q, first: 10) { entity { id } } }', { q });
    // "Corps" is one letter from "coups": too short a word for a typo to be taken as that word.
    expect((await find('Africa Corps')).search).toEqual([]);
    expect((await find('Corps')).search).toEqual([]);
    const blockade = (await find('blockade')).search.map((hit) => hit.entity.id);
    expect(blockade.slice(0, 2).sort()).toEqual(['gold-export-blockade', 'jnim-economic-blockade']);
    // "Airstrikes in response to the blockade" only mentions it.
    expect(blockade).toContain('malian-airstrikes');
  });

  it('search restricted to kinds returns only those kinds', async () => {
    const data = await ask<{ search: Array<{ entity: { __typename: string } }> }>(
      '{ search(query: "Mali", kinds: [LOCATION], first: 10) { entity { __typename } } }',
    );
    expect(data.search.length).toBeGreaterThan(0);
    expect(new Set(data.search.map((hit) => hit.entity.__typename))).toEqual(new Set(['Location']));
  });

  it('pages lists with cursors, a total, and a capped page size', async () => {
    const first = await ask<{
      actors: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: Array<{ id: string }>;
      };
    }>('{ actors(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }');
    expect(first.actors.nodes).toHaveLength(5);
    expect(first.actors.pageInfo.hasNextPage).toBe(true);
    const all: string[] = first.actors.nodes.map((n) => n.id);
    let cursor: string | null = first.actors.pageInfo.endCursor;
    while (cursor) {
      const page: { actors: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string }> } } =
        await ask(
          'query($after: String) { actors(first: 5, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }',
          { after: cursor },
        );
      all.push(...page.actors.nodes.map((n) => n.id));
      cursor = page.actors.pageInfo.hasNextPage ? page.actors.pageInfo.endCursor : null;
    }
    expect(all).toHaveLength(first.actors.totalCount);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort());

    const tooBig = await reject('{ actors(first: 1000) { totalCount } }');
    expect(tooBig.code).toBe('BAD_USER_INPUT');
    expect(tooBig.message).toMatch(/first/);
  });

  it('filters lists: armed groups, events in a period, denied allegations, sources by grade', async () => {
    const data = await ask<{
      actors: { nodes: Array<{ id: string }> };
      events: { nodes: Array<{ id: string; start: { value: string; precision: string } | null }> };
      allegations: { nodes: Array<{ id: string }> };
      sources: { nodes: Array<{ id: string }> };
    }>(`{
      actors(filter: { kinds: [ARMED_GROUP] }) { nodes { id } }
      events(filter: { from: "2020", to: "2023" }, first: 50) { nodes { id start { value precision } } }
      allegations(filter: { statuses: [DENIED] }) { nodes { id } }
      sources(filter: { minReliability: C }) { nodes { id } }
    }`);
    expect(data.actors.nodes.map((n) => n.id).sort()).toEqual(['al-qaeda', 'jnim']);
    const eventIds = data.events.nodes.map((n) => n.id);
    expect(eventIds).toContain('sahel-coups-2020-2023');
    expect(eventIds).toContain('jnim-insurgency'); // since 2012 with no end: possibly ongoing
    expect(eventIds).not.toContain('french-forces-expulsion'); // undated: the article gives no date
    expect(data.allegations.nodes.map((n) => n.id)).toEqual(['russia-accuses-ukrainian-intelligence']);
    expect(data.sources.nodes.map((n) => n.id)).toEqual(['wellbrock-mali-blockade']);
  });

  it('a source says what it backs', async () => {
    const data = await ask<{
      source: {
        reliability: string;
        reliabilityMeaning: string;
        supports: {
          entityCount: number;
          relationshipCount: number;
          relationships: Array<{ type: string; from: { id: string }; to: { id: string } }>;
        };
      };
    }>(
      '{ source(id: "malian-media") { reliability reliabilityMeaning supports(first: 100) { entityCount relationshipCount relationships { type from { id } to { id } } } } }',
    );
    expect(data.source.reliability).toBe('F');
    expect(data.source.reliabilityMeaning).toBe('reliability cannot be judged');
    expect(data.source.supports.relationshipCount).toBeGreaterThan(0);
    expect(data.source.supports.relationships).toContainEqual({
      type: 'DISRUPTS',
      from: { id: 'jnim-economic-blockade' },
      to: { id: 'kayes-corridor' },
    });
    expect(data.source.supports.relationships.every((r) => r.type !== 'REPORTED_BY')).toBe(true);
  });

  it('events carry date precision, reported counts and whether they happened; undated stays undated', async () => {
    type E = {
      type: string;
      status: string;
      start: { value: string; precision: string; earliest: string; latest: string } | null;
      quantity: { value: number } | null;
    };
    const data = await ask<{ abduction: E; insurgency: E; legal: E }>(`{
      abduction: event(id: "senegalese-drivers-abduction") { type status start { value precision earliest latest } quantity { value } }
      insurgency: event(id: "jnim-insurgency") { type status start { value precision earliest latest } quantity { value } }
      legal: event(id: "aes-icj-legal-action") { type status start { value precision earliest latest } quantity { value } }
    }`);
    expect(data.abduction).toMatchObject({
      type: 'ABDUCTION',
      status: 'OCCURRED',
      start: null,
      quantity: { value: 6 },
    });
    expect(data.insurgency).toMatchObject({
      status: 'ONGOING',
      start: { value: '2012', precision: 'YEAR', earliest: '2012-01-01', latest: '2012-12-31' },
    });
    expect(data.legal).toMatchObject({ type: 'LEGAL_ACTION', status: 'CONSIDERED' });
  });

  it('rejects bad arguments with BAD_USER_INPUT naming the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{ actors(filter: { country: "mali" }) { totalCount } }', /country/],
      ['{ events(filter: { from: "2025-13" }) { totalCount } }', /from/],
      ['{ search(query: "") { score } }', /query/],
      ['{ actors(after: "not-a-cursor") { totalCount } }', /after/],
      ['{ entity(id: "jnim") { relationships(first: 0) { totalCount } } }', /first/],
    ];
    for (const [query, field] of cases) {
      const { code, message } = await reject(query);
      expect(code).toBe('BAD_USER_INPUT');
      expect(message).toMatch(field);
    }
  });
});
