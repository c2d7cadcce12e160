import { alertReasons, NO_PATH, type PathSnapshot } from '../../src/watchlists/path-snapshot';

/** The diff a pair watch's alert is made of (docs/watchlists.md): what changed, and nothing when nothing did. */
const hop = (id: string, sourceIds = ['s1'], status: string | null = null, credibility = 2) => ({
  id,
  status,
  credibility,
  sourceIds,
});
const path = (hops: PathSnapshot['hops'], score: number, explanation = 'A supports B.'): PathSnapshot => ({
  found: true,
  length: hops.length,
  score,
  explanation,
  hops,
  ids: [...hops.map((h) => h.id), ...hops.flatMap((h) => h.sourceIds)],
});
const NONE = new Set<string>();

describe('alertReasons', () => {
  const before = path([hop('SUPPORTS:a->b'), hop('OPPOSES:c->b')], 0.23);

  it('is empty when the answer is the same', () => {
    expect(alertReasons(before, path([hop('SUPPORTS:a->b'), hop('OPPOSES:c->b')], 0.23), NONE)).toEqual([]);
    expect(alertReasons(NO_PATH, NO_PATH, NONE)).toEqual([]);
  });

  it('says a corroborating source: a better score and other evidence on a link of the path', () => {
    const after = path([hop('SUPPORTS:a->b', ['s1', 's2']), hop('OPPOSES:c->b')], 0.3, 'A supports B. [s1, s2]');
    expect(alertReasons(before, after, NONE)).toEqual(['SCORE_UP', 'EVIDENCE_CHANGED']);
  });

  it('says a path found, lost, shorter, longer or rerouted', () => {
    expect(alertReasons(NO_PATH, before, NONE)).toEqual(['PATH_FOUND']);
    expect(alertReasons(before, NO_PATH, NONE)).toEqual(['PATH_LOST']);
    expect(alertReasons(before, path([hop('X:a->c')], 0.5), NONE)).toEqual(['SHORTER', 'SCORE_UP']);
    const longer = path([hop('X:a->d'), hop('Y:d->e'), hop('Z:e->c')], 0.1);
    expect(alertReasons(before, longer, NONE)).toEqual(['LONGER', 'SCORE_DOWN']);
    expect(alertReasons(before, path([hop('X:a->d'), hop('Y:d->c')], 0.23, 'other'), NONE)).toEqual(['ROUTE_CHANGED']);
  });

  it('says a claim on the path corroborated, denied, or something it rested on retracted', () => {
    const claim = path([hop('ALLEGES:a->claim', ['s1'], 'ALLEGED'), hop('ACCUSES:claim->b', ['s1'], 'ALLEGED')], 0.1);
    const corroborated = path(
      [hop('ALLEGES:a->claim', ['s1'], 'CORROBORATED'), hop('ACCUSES:claim->b', ['s1'], 'CORROBORATED')],
      0.2,
    );
    expect(alertReasons(claim, corroborated, NONE)).toEqual(['SCORE_UP', 'CLAIM_CORROBORATED']);
    const denied = path([hop('ALLEGES:a->claim', ['s1'], 'DENIED'), hop('ACCUSES:claim->b', ['s1'], 'DENIED')], 0.05);
    expect(alertReasons(claim, denied, NONE)).toEqual(['SCORE_DOWN', 'CLAIM_DENIED']);
    expect(alertReasons(before, NO_PATH, new Set(['s1']))).toEqual(['PATH_LOST', 'RETRACTED']);
  });

  it('says EVIDENCE_CHANGED when only the sentences changed (a renamed entity, a retitled source)', () => {
    const renamed = path([hop('SUPPORTS:a->b'), hop('OPPOSES:c->b')], 0.23, 'A (renamed) supports B.');
    expect(alertReasons(before, renamed, NONE)).toEqual(['EVIDENCE_CHANGED']);
  });
});
