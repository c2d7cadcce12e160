import { useSeededApp } from '../support/seeded-app';

/**
 * A retracted accuser (or their retracted ALLEGES link) no longer speaks in any explanation:
 * reads hide what is retracted, and the sentences of a path are reads too. The data is this
 * file's own (ids prefixed rt-), imported into the seeded graph.
 */
const { ask } = useSeededApp();
const SOURCE = 'wellbrock-mali-blockade';
const evidence = {
  sourceIds: [SOURCE],
  credibility: 3,
  excerpt: 'Moscow has accused Ukrainian intelligence of supporting the militants',
};
const actor = (id: string, name: string) => ({ id, name, kind: 'STATE', ...evidence });
const link = (type: string, from: string, to: string) => ({ type, from, to, ...evidence });

const PATH = `query($from: ID!, $to: ID!) { shortestPath(fromId: $from, toId: $to, maxHops: 3) { explanation steps { sentence } } }`;
type PathAnswer = { shortestPath: { explanation: string; steps: Array<{ sentence: string }> } | null };

describe('explanations leave retracted parties out', () => {
  beforeAll(async () => {
    await ask(`mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }`, {
      b: {
        format: 'sahel-graph-bundle',
        version: 1,
        actors: [
          actor('rt-accuser-kept', 'Kept Accuserland'),
          actor('rt-accuser-retracted', 'Withdrawn Accuserland'),
          actor('rt-accused', 'Accusedland'),
        ],
        allegations: [
          {
            id: 'rt-claim',
            statement: 'Accusedland supports the militants',
            claimTypes: ['SUPPORTS'],
            status: 'ALLEGED',
            claimCredibility: 6,
            ...evidence,
          },
        ],
        relationships: [
          link('ALLEGES', 'rt-accuser-kept', 'rt-claim'),
          link('ALLEGES', 'rt-accuser-retracted', 'rt-claim'),
          link('ACCUSES', 'rt-claim', 'rt-accused'),
        ],
      },
    });
  });

  it('names both accusers before one is retracted, and only the other after', async () => {
    const before = await ask<PathAnswer>(PATH, { from: 'rt-accuser-kept', to: 'rt-accused' });
    expect(before.shortestPath?.explanation).toMatch(/Kept Accuserland/);
    expect(before.shortestPath?.explanation).toMatch(/Withdrawn Accuserland/);

    await ask(`mutation { retract(id: "rt-accuser-retracted", reason: "misattributed") { at } }`);
    const after = await ask<PathAnswer>(PATH, { from: 'rt-accuser-kept', to: 'rt-accused' });
    expect(after.shortestPath?.explanation).toMatch(/Kept Accuserland/);
    expect(after.shortestPath?.explanation).not.toMatch(/Withdrawn Accuserland/);
    expect(after.shortestPath?.steps.map((step) => step.sentence).join(' ')).not.toMatch(/Withdrawn Accuserland/);
  });
});
