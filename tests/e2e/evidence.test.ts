import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSeededApp } from '../support/seeded-app';

/**
 * Evidence an investigator can trust, on the seeded graph over real HTTP: claims graded apart
 * from the reports of them, events that did not happen kept apart from facts, explanations that
 * read correctly, timelines in the order the source gives.
 */

type Step = {
  subject: { id: string; name: string };
  verb: string;
  object: { id: string; name: string };
  sentence: string;
  grade: string;
  contested: boolean;
  hypothetical: boolean;
  status: string | null;
};
type PathResult = {
  length: number;
  score: number;
  contested: boolean;
  hypothetical: boolean;
  viaAllegation: boolean;
  explanation: string;
  nodes: Array<{ id: string }>;
  hops: Array<{
    type: string;
    credibility: number;
    reportCredibility: number;
    contested: boolean;
    hypothetical: boolean;
    score: number;
  }>;
  steps: Step[];
};
const PATH_FIELDS = `length score contested hypothetical viaAllegation explanation nodes { id }
  hops { type credibility reportCredibility contested hypothetical score }
  steps { subject { id name } verb object { id name } sentence grade contested hypothetical status }`;

const MOSCOW = 'russia-accuses-ukrainian-intelligence';
const seed = JSON.parse(readFileSync(join(__dirname, '../../seed/sahel.bundle.json'), 'utf8'));

describe('evidence on the seeded graph', () => {
  const { ask } = useSeededApp();

  it('an allegation carries two grades: the report that the claim was made, and the claim itself', async () => {
    const { allegation } = await ask<{ allegation: { credibility: number; claimCredibility: number; status: string } }>(
      `{ allegation(id: "${MOSCOW}") { credibility claimCredibility status } }`,
    );
    expect(allegation).toEqual({ credibility: 2, claimCredibility: 6, status: 'DENIED' });
  });

  it("with minCredibility 3 no path from Ukraine to JNIM passes through Moscow's accusation", async () => {
    const { paths } = await ask<{ paths: PathResult[] }>(
      `{ paths(fromId: "ukraine", toId: "jnim", maxHops: 5, first: 20, minCredibility: 3) { ${PATH_FIELDS} } }`,
    );
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.nodes.map((n) => n.id)).not.toContain(MOSCOW);
      expect(path.hops.every((hop) => hop.credibility <= 3)).toBe(true);
    }
    const { shortestPath } = await ask<{ shortestPath: PathResult | null }>(
      `{ shortestPath(fromId: "ukraine", toId: "jnim", minCredibility: 3) { ${PATH_FIELDS} } }`,
    );
    expect(shortestPath?.nodes.map((n) => n.id)).not.toContain(MOSCOW);
  });

  it('the best Ukraine-JNIM path is contested and scores below a two-hop chain of reported facts graded B2/C2', async () => {
    const { shortestPath: best } = await ask<{ shortestPath: PathResult }>(
      `{ shortestPath(fromId: "ukraine", toId: "jnim") { ${PATH_FIELDS} } }`,
    );
    expect(best.nodes.map((n) => n.id)).toEqual(['ukraine', MOSCOW, 'jnim']);
    expect(best.contested).toBe(true);
    expect(best.steps.map((step) => step.contested)).toEqual([true, true]);
    expect(best.hops[1]).toMatchObject({ type: 'CONCERNS', credibility: 6, reportCredibility: 3 });
    const twoFactsB2C2 = 0.8 * 0.8 * (0.8 * 0.6);
    expect(best.score).toBeLessThan(twoFactsB2C2);
    expect(best.explanation).toBe(best.steps.map((step) => step.sentence).join(' '));
    expect(best.steps[0].sentence).toMatch(
      /^Ukraine denies Russia's allegation that Ukrainian intelligence is supporting the militants\. \[fairly reliable source, denial probably made: C2; /,
    );
    expect(best.steps[1].sentence).toMatch(
      /^Russia's allegation is assessed to concern JNIM \(denied by Ukraine\)\. \[fairly reliable source, truth cannot be judged: C6 for the claim; the curator's reading that it concerns JNIM: C3; /,
    );
    // Every path through the claim, of any length, scores below that two-hop chain of facts. (Ukraine
    // reaches JNIM through no chain of facts at all; France to JNIM, below, compares both on one pair.)
    const { paths } = await ask<{ paths: PathResult[] }>(
      `{ paths(fromId: "ukraine", toId: "jnim", maxHops: 4, first: 20, orderBy: SCORE) { ${PATH_FIELDS} } }`,
    );
    expect(paths.filter((p) => !p.viaAllegation && !p.hypothetical)).toEqual([]);
    const claimPaths = paths.filter((p) => p.nodes.some((n) => n.id === MOSCOW));
    // Non-empty, or the comparison below would pass having compared nothing.
    expect(claimPaths.length).toBeGreaterThan(1);
    for (const claimPath of claimPaths) expect(claimPath.score).toBeLessThan(twoFactsB2C2);
  });

  it('includeAllegations: false keeps reported facts only: no allegations, no considered legal action', async () => {
    const query = (toId: string, include: boolean) =>
      ask<{ paths: PathResult[] }>(
        `{ paths(fromId: "france", toId: "${toId}", maxHops: 4, first: 20, includeAllegations: ${include}) { ${PATH_FIELDS} } }`,
      );
    const all = (await query('mali', true)).paths;
    expect(all.some((p) => p.nodes.some((n) => n.id === 'aes-icj-legal-action') && p.hypothetical)).toBe(true);
    // France reaches Mali only through the considered legal action or claims: nothing is left.
    expect((await query('mali', false)).paths).toEqual([]);
    // France reaches JNIM through a chain of reported facts as well: only that chain is left.
    const withClaims = (await query('jnim', true)).paths;
    const facts = (await query('jnim', false)).paths;
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.length).toBeLessThan(withClaims.length);
    for (const path of facts) {
      expect(path.nodes.map((n) => n.id)).not.toContain('aes-icj-legal-action');
      expect(path.viaAllegation).toBe(false);
      expect(path.hypothetical).toBe(false);
    }
  });

  it('Ukraine reaches JNIM only through claims or the considered legal action: without them there is no path', async () => {
    const { shortestPath } = await ask<{ shortestPath: PathResult | null }>(
      `{ shortestPath(fromId: "ukraine", toId: "jnim", maxHops: 6, includeAllegations: false) { ${PATH_FIELDS} } }`,
    );
    expect(shortestPath).toBeNull();
  });

  it('the score invariants hold on the real stack: corroboration raises, a denial lowers, a retracted source removes its support', async () => {
    // Own ids, so the seeded graph's answers above are untouched.
    const evidence = (sourceIds: string[], credibility = 2) => ({ sourceIds, credibility, excerpt: 'x' });
    const source = (id: string) => ({ id, title: `Test source ${id}`, kind: 'REPORT', reliability: 'C' });
    const bundle = {
      format: 'sahel-graph-bundle',
      version: 1,
      sources: [source('ev-src-a'), source('ev-src-b'), source('ev-src-c')],
      actors: ['ev-one', 'ev-two', 'ev-three', 'ev-four'].map((id) => ({
        id,
        name: id,
        kind: 'ARMED_GROUP',
        ...evidence(['ev-src-a']),
      })),
      allegations: [
        {
          id: 'ev-claim',
          statement: 'ev-three supports ev-four',
          claimTypes: ['SUPPORTS'],
          status: 'ALLEGED',
          ...evidence(['ev-src-a']),
        },
      ],
      relationships: [
        { type: 'SUPPORTS', from: 'ev-one', to: 'ev-two', ...evidence(['ev-src-a']) },
        { type: 'ALLEGES', from: 'ev-three', to: 'ev-claim', ...evidence(['ev-src-a']) },
        { type: 'CONCERNS', from: 'ev-claim', to: 'ev-four', ...evidence(['ev-src-a']) },
      ],
    };
    await ask('mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }', { b: bundle });
    const score = async (fromId: string, toId: string) =>
      (
        await ask<{ shortestPath: PathResult }>(
          `{ shortestPath(fromId: "${fromId}", toId: "${toId}") { ${PATH_FIELDS} } }`,
        )
      ).shortestPath;

    const fact = (await score('ev-one', 'ev-two')).score;
    expect(fact).toBeCloseTo(0.8 * 0.6);
    await ask(
      'mutation { updateRelationship(id: "SUPPORTS:ev-one->ev-two", changes: { sourceIds: ["ev-src-a", "ev-src-b"] }) { id } }',
    );
    const corroborated = (await score('ev-one', 'ev-two')).score;
    expect(corroborated).toBeCloseTo(0.8 * (1 - 0.4 * 0.4));
    // A source that cites one already there is not independent.
    await ask(
      'mutation { addRelationship(relationship: { type: CITES, from: "ev-src-c", to: "ev-src-a", sourceIds: ["ev-src-c"], credibility: 2, excerpt: "x" }) { id } }',
    );
    await ask(
      'mutation { updateRelationship(id: "SUPPORTS:ev-one->ev-two", changes: { sourceIds: ["ev-src-a", "ev-src-b", "ev-src-c"] }) { id } }',
    );
    expect((await score('ev-one', 'ev-two')).score).toBeCloseTo(corroborated);
    await ask('mutation { retract(id: "ev-src-b", reason: "test: withdrawn") { reason } }');
    expect((await score('ev-one', 'ev-two')).score).toBeCloseTo(fact);

    const claim = await score('ev-three', 'ev-four');
    expect(claim.contested).toBe(false);
    expect(claim.hops[1]).toMatchObject({ type: 'CONCERNS', credibility: 6, reportCredibility: 2 });
    await ask(
      'mutation { recordDenial(denial: { allegationId: "ev-claim", actorId: "ev-four", sourceIds: ["ev-src-a"], credibility: 2, excerpt: "x" }) { id } }',
    );
    // Through the claim's content (the denial itself is another, well-reported link between the two).
    const denied = (
      await ask<{ shortestPath: PathResult }>(
        `{ shortestPath(fromId: "ev-three", toId: "ev-four", relationTypes: [ALLEGES, CONCERNS]) { ${PATH_FIELDS} } }`,
      )
    ).shortestPath;
    expect(denied.contested).toBe(true);
    expect(denied.score).toBeLessThan(claim.score);
  });

  it('reads the considered legal action as considered, and France as its would-be target', async () => {
    const { paths } = await ask<{ paths: PathResult[] }>(
      `{ paths(fromId: "france", toId: "aes", maxHops: 2, first: 5, relationTypes: [PARTICIPATED_IN]) { ${PATH_FIELDS} } }`,
    );
    expect(paths[0].hypothetical).toBe(true);
    expect(paths[0].steps.map((s) => s.sentence.split(' [')[0])).toEqual([
      'France would be a target of the legal action (considered, not carried out).',
      'The Alliance of Sahel States is considering the legal action at the ICJ against France and Ukraine.',
    ]);
    expect(paths[0].steps[0]).toMatchObject({ status: 'CONSIDERED', hypothetical: true, grade: 'C2' });
  });

  it('the JNIM timeline puts the abduction before the blockade that follows it', async () => {
    const { timeline } = await ask<{ timeline: { nodes: Array<{ event: { id: string } }> } }>(
      `{ timeline(actorId: "jnim", first: 20) { nodes { event { id } } } }`,
    );
    const ids = timeline.nodes.map((n) => n.event.id);
    expect(ids.indexOf('senegalese-drivers-abduction')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('senegalese-drivers-abduction')).toBeLessThan(ids.indexOf('jnim-economic-blockade'));
    expect(ids.indexOf('jnim-economic-blockade')).toBeLessThan(ids.indexOf('malian-airstrikes'));
    expect(ids[0]).toBe('jnim-insurgency'); // the only dated one: 2012
    // Paging through the same order one at a time gives the same sequence.
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < ids.length; i++) {
      const page: { timeline: { nodes: Array<{ event: { id: string } }>; pageInfo: { endCursor: string | null } } } =
        await ask(
          'query($after: String) { timeline(actorId: "jnim", first: 1, after: $after) { nodes { event { id } } pageInfo { endCursor } } }',
          { after },
        );
      paged.push(...page.timeline.nodes.map((n) => n.event.id));
      after = page.timeline.pageInfo.endCursor;
    }
    expect(paged).toEqual(ids);
  });

  it("allegations against Ukraine, with its parts, include Moscow's accusation of Ukrainian intelligence, marked as such", async () => {
    type Result = { allegations: { nodes: Array<{ id: string; accusedParts: string[] | null }> } };
    const withParts = await ask<Result>(
      '{ allegations(accusedId: "ukraine", includeSubordinates: true) { nodes { id accusedParts } } }',
    );
    expect(withParts.allegations.nodes).toEqual([
      { id: 'aes-accuses-france-ukraine', accusedParts: [] },
      { id: MOSCOW, accusedParts: ['ukrainian-intelligence'] },
    ]);
    const without = await ask<Result>('{ allegations(accusedId: "ukraine") { nodes { id accusedParts } } }');
    expect(without.allegations.nodes).toEqual([{ id: 'aes-accuses-france-ukraine', accusedParts: null }]);
  });

  it('the AES claim reads as the article says, with no "probably true", and no explanation says JNIM carried out the abduction', async () => {
    const { shortestPath } = await ask<{ shortestPath: PathResult }>(
      `{ shortestPath(fromId: "aes", toId: "aes-accuses-france-ukraine", minCredibility: 2) { ${PATH_FIELDS} } }`,
    );
    expect(shortestPath.explanation).toMatch(
      /^The Alliance of Sahel States alleges that France and Ukraine have supported or facilitated militant activity in the Sahel, particularly after French forces were expelled from the region \(not established\)\. \[fairly reliable source, allegation probably made: C2; the claim itself: truth cannot be judged \(6\); /,
    );
    expect(shortestPath.explanation).not.toContain('probably true');
    expect(shortestPath.explanation).not.toContain('JNIM');
    for (const [from, to] of [
      ['senegal', 'jnim'],
      ['senegalese-truck-drivers', 'jnim'],
    ]) {
      const { paths } = await ask<{ paths: PathResult[] }>(
        `{ paths(fromId: "${from}", toId: "${to}", maxHops: 4, first: 20) { ${PATH_FIELDS} } }`,
      );
      const abduction = paths.flatMap((p) => p.steps).filter((s) => s.object.id === 'senegalese-drivers-abduction');
      expect(abduction.some((s) => s.subject.id === 'jnim')).toBe(true);
      for (const step of abduction.filter((s) => s.subject.id === 'jnim'))
        expect(step.sentence).toMatch(/^JNIM is assessed to have carried out the abduction/);
    }
  });

  it('France to JNIM by score: the chain of reported facts first, every chain through the unjudged AES claim after it', async () => {
    const { paths } = await ask<{ paths: Array<PathResult & { unestablished: boolean }> }>(
      `{ paths(fromId: "france", toId: "jnim", maxHops: 4, first: 20, orderBy: SCORE) { ${PATH_FIELDS} unestablished } }`,
    );
    expect(paths[0]).toMatchObject({ viaAllegation: false, hypothetical: false, unestablished: false });
    const firstThroughClaim = paths.findIndex((p) => p.unestablished);
    expect(firstThroughClaim).toBeGreaterThan(0);
    expect(paths.slice(firstThroughClaim).every((p) => p.unestablished)).toBe(true);
    // The curator's C4 reading that the AES claim concerns JNIM no longer scores like the report's C2.
    const direct = paths.find((p) => p.length === 2)!;
    expect(direct.hops.map((h) => [h.type, h.credibility, h.reportCredibility])).toEqual([
      ['ACCUSES', 6, 2],
      ['CONCERNS', 6, 4],
    ]);
    expect(direct.hops[1].score).toBeLessThan(direct.hops[0].score);
    expect(direct.score).toBeLessThan(paths[0].score);
  });

  it('walks every ordered pair of seeded actors (4 hops, all paths): claims as stated, inferences as inferences, no repeats, one grade per hop', async () => {
    type WalkStep = Step & {
      type: string;
      reading: string;
      credibility: number;
      deniedByIds: string[];
      subject: { id: string; name: string; statement?: string };
      object: { id: string; name: string; statement?: string };
    };
    type WalkPath = {
      length: number;
      nodes: Array<{ id: string }>;
      hops: Array<{ role: string | null }>;
      steps: WalkStep[];
    };
    const grading = JSON.parse(readFileSync(join(__dirname, '../../seed/grading.json'), 'utf8'));
    const actors: Array<{ id: string; name: string; plural?: boolean; quantity?: { value: number } }> = seed.actors;
    const pluralNames = actors.filter((a) => a.plural || (a.quantity?.value ?? 0) > 1).map((a) => a.name);
    const names = [...new Set([...actors.map((a) => a.name), ...seed.locations.map((l: { name: string }) => l.name)])];
    const singularVerb = /^(is|was|has|supports|opposes|governs|operates|alleges|denies|borders|connects)\b/;
    const clause = (statement: string) => statement.replace(/[.;]+$/, '');
    const gradesByLink = new Map<string, Set<string>>();
    const failures: string[] = [];
    let checked = 0;
    let inferred = 0;
    let claims = 0;
    let denials = 0;
    for (const from of actors) {
      for (const to of actors) {
        if (from.id === to.id) continue;
        const { paths } = await ask<{ paths: WalkPath[] }>(
          `{ paths(fromId: "${from.id}", toId: "${to.id}", maxHops: 4, first: 20) {
              length nodes { id } hops { role }
              steps { subject { id name ... on Allegation { statement } } verb object { id name ... on Allegation { statement } }
                      type sentence grade credibility reading contested hypothetical status deniedByIds } } }`,
        );
        for (const path of paths) {
          expect(path.steps).toHaveLength(path.length);
          expect([path.nodes[0].id, path.nodes.at(-1)!.id]).toEqual([from.id, to.id]);
          const sentences = path.steps.map((step) => step.sentence);
          if (new Set(sentences).size < sentences.length) failures.push(`repeated sentence: ${sentences.join(' ')}`);
          path.steps.forEach((step, i) => {
            checked++;
            const role = path.hops[i].role ? `#${path.hops[i].role}` : '';
            const key = `${step.type}:${step.subject.id}->${step.object.id}${role}`;
            gradesByLink.set(key, (gradesByLink.get(key) ?? new Set()).add(step.grade));
            const text = step.sentence;
            // Names, verb and grade of the sentence are the step's own.
            if (!text.includes(` ${step.verb} `) || !text.includes(`: ${step.grade}`))
              failures.push(`not from its step: ${text}`);
            if (/took part in|\(as \w+\)|\) \(/.test(text)) failures.push(`bad form: ${text}`);
            for (const name of names) {
              const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
              if (new RegExp(`(^|\\. )(The )?${escaped} ${step.verb} (the )?${escaped}(\\.| \\(| \\[)`).test(text))
                failures.push(`X verb X: ${text}`);
            }
            // A claim's content is its statement, never a list of what it concerns.
            const allegation = step.object.statement !== undefined ? step.object : step.subject;
            if (allegation.statement !== undefined) {
              claims++;
              const content =
                text.match(/allegation that (.+?)(?= accuses| concerns| is assessed| is reported|\. \[| \()/)?.[1] ??
                text.match(/alleges that (.+?)(?= \(|\. \[)/)?.[1];
              if (content !== undefined && !clause(allegation.statement).toLowerCase().endsWith(content.toLowerCase()))
                failures.push(`claim not its statement: ${text}`);
            }
            // A link graded as an inference never reads as a plain fact.
            if (key in grading.inferences) {
              inferred++;
              if (step.reading === 'STATED' || !/ (is|are) (assessed|reported) to /.test(text))
                failures.push(`inference stated as fact (${key}): ${text}`);
            }
            if (/JNIM carried out the abduction/.test(text)) failures.push(text);
            // "(denied by …)" names exactly the step's deniedByIds, so a client can rebuild it.
            const deniers = /denied by ([^;)]+)/.exec(text)?.[1];
            const denierNames = step.deniedByIds.map((id) => actors.find((a) => a.id === id)?.name ?? id);
            if (
              (deniers !== undefined) !== step.deniedByIds.length > 0 ||
              denierNames.some((n) => !deniers?.includes(n))
            )
              failures.push(`denied by, not from deniedByIds ${JSON.stringify(step.deniedByIds)}: ${text}`);
            if (deniers !== undefined) denials++;
            if (pluralNames.includes(step.subject.name) && singularVerb.test(step.verb))
              failures.push(`agreement: ${text}`);
          });
        }
      }
    }
    for (const [key, grades] of gradesByLink)
      if (grades.size > 1) failures.push(`${key} graded ${[...grades].join(' and ')}`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(1_000);
    expect(inferred).toBeGreaterThan(100);
    expect(denials).toBeGreaterThan(0);
    expect(claims).toBeGreaterThan(100);
  }, 600_000);

  it('asOf means one thing in paths, neighbourhoods, connect and timelines: an undated event or link is unknown, not valid', async () => {
    const undated: string[] = seed.events.filter((e: { start?: string }) => !e.start).map((e: { id: string }) => e.id);
    expect(undated).toEqual(expect.arrayContaining(['jnim-economic-blockade', 'french-forces-expulsion']));
    const eventIds = new Set<string>(seed.events.map((e: { id: string }) => e.id));
    type Ids = { nodes: Array<{ id: string }> };
    const side = async (asOf: string) => {
      const data = await ask<{
        shortestPath: Ids | null;
        paths: Ids[];
        jnim: Ids;
        forces: Ids;
        connect: Ids;
        timeline: { nodes: Array<{ event: { id: string } }> };
      }>(
        `query($asOf: String) {
          shortestPath(fromId: "jnim", toId: "mali-country", maxHops: 6, asOf: $asOf) { nodes { id } }
          paths(fromId: "jnim", toId: "mali", maxHops: 4, first: 20, asOf: $asOf) { nodes { id } }
          jnim: neighborhood(id: "jnim", depth: 3, asOf: $asOf, limit: 500) { nodes { id } }
          forces: neighborhood(id: "french-forces", depth: 2, asOf: $asOf, limit: 500) { nodes { id } }
          connect(ids: ["jnim", "mali-country", "french-forces", "sahel"], maxHops: 4, asOf: $asOf) { nodes { id } }
          timeline(to: $asOf, first: 100) { nodes { event { id } } } }`,
        { asOf },
      );
      const reachedBy = {
        shortestPath: data.shortestPath?.nodes ?? [],
        paths: data.paths.flatMap((p) => p.nodes),
        neighborhood: [...data.jnim.nodes, ...data.forces.nodes],
        connect: data.connect.nodes,
      };
      const timeline = data.timeline.nodes.map((n) => n.event.id);
      const events = Object.fromEntries(
        Object.entries(reachedBy).map(([query, nodes]) => [
          query,
          [...new Set(nodes.map((n) => n.id).filter((id) => eventIds.has(id)))].sort(),
        ]),
      );
      return { data, events, timeline };
    };
    for (const asOf of ['2011', '2015', '2021', '2030']) {
      const { events, timeline } = await side(asOf);
      // Side by side: no query reaches an undated event, and every event any of them reaches, the
      // timeline to that date lists (begun by then).
      for (const [query, ids] of Object.entries(events)) {
        expect({ asOf, query, undated: ids.filter((id) => undated.includes(id)) }).toEqual({
          asOf,
          query,
          undated: [],
        });
        expect({ asOf, query, notInTimeline: ids.filter((id) => !timeline.includes(id)) }).toEqual({
          asOf,
          query,
          notInTimeline: [],
        });
      }
      expect(timeline.filter((id) => undated.includes(id))).toEqual([]);
    }
    const in2011 = await side('2011');
    expect(in2011.data.shortestPath).toBeNull(); // not through the undated blockade
    expect(in2011.timeline).toEqual([]);
    const in2015 = await side('2015');
    expect(in2015.data.shortestPath?.nodes.map((n) => n.id)).toEqual(['jnim', 'mali-country']); // OPERATES_IN from 2012
    expect(in2015.events.neighborhood).toEqual(['jnim-insurgency']); // no expulsion: it followed the 2020-2023 coups, undated
    expect(in2015.timeline).toEqual(['jnim-insurgency']);
    const in2021 = await side('2021');
    expect(in2021.timeline).toEqual(['jnim-insurgency', 'sahel-coups-2020-2023']);
  });
});
