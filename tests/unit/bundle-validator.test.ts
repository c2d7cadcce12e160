import 'reflect-metadata';
import {
  checkBundleReferences,
  checkBundleWrites,
  parseBundleFields,
  parseBundleFieldsInSlices,
} from '../../src/bundle/validate';
import { BadUserInputError, MAX_LISTED_PROBLEMS, type FieldProblem } from '../../src/errors';
import { generateBundle } from '../../tools/generate-bundle';

/** The problems a check throws (it must throw BAD_USER_INPUT). */
function problemsOf(check: () => unknown): FieldProblem[] {
  let thrown: unknown;
  try {
    check();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(BadUserInputError);
  return (thrown as BadUserInputError).problems;
}

/** A bundle whose `count` actors each break three field rules (id, kind, credibility). */
function brokenActors(count: number) {
  return {
    format: 'sahel-graph-bundle',
    version: 1,
    actors: Array.from({ length: count }, (_, i) => ({
      id: `Not An Id ${i}`,
      name: `Actor ${i}`,
      kind: 'NOT_A_KIND',
      sourceIds: ['s'],
      credibility: 9,
      excerpt: 'x',
    })),
  };
}

describe('bundle validator: bounded problem lists', () => {
  it('names the record and field of each problem, as the whole-bundle check did', () => {
    const bundle = generateBundle(3, 2) as { actors: Array<Record<string, unknown>> };
    bundle.actors[1].kind = 'NOT_A_KIND';
    bundle.actors[2] = 42 as unknown as Record<string, unknown>;
    const problems = problemsOf(() => parseBundleFields(bundle));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'actors[1].kind', record: 'actors[1] "gb-1"' }),
      { field: 'actors[2]', reason: 'must be a JSON object' },
    ]);
  });

  it('lists the first MAX_LISTED_PROBLEMS field problems and counts the rest', () => {
    const problems = problemsOf(() => parseBundleFields(brokenActors(1_000)));
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]).toMatchObject({
      field: expect.stringMatching(/^actors\[0\]\./),
      record: 'actors[0] "Not An Id 0"',
    });
    // Three problems a record: 3,000 in all, the first 100 listed.
    expect(problems[MAX_LISTED_PROBLEMS]).toEqual({
      field: 'bundle',
      reason: `... ${3_000 - MAX_LISTED_PROBLEMS} more problems not listed`,
    });
  });

  it('caps the rules that span records the same way', () => {
    const bundle = parseBundleFields(generateBundle(2, 0));
    const missing = Array.from({ length: 300 }, (_, i) => ({
      ...bundle.actors[0],
      id: `orphan-${i}`,
      sourceIds: ['gone'],
    }));
    bundle.actors.push(...missing);
    const problems = problemsOf(() => checkBundleReferences(bundle));
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]).toMatchObject({ field: 'actors[2].sourceIds[0]', record: 'actors[2] "orphan-0"' });
    expect(problems.at(-1)?.reason).toBe(`... ${300 - MAX_LISTED_PROBLEMS} more problems not listed`);
  });
});

describe('bundle validator: record count and slices', () => {
  it('refuses more writes than the cap before validating any record, naming the bundle and npm run import', () => {
    // 1 source, 60 actors citing it once (60 REPORTED_BY), 50 relationships: 171 writes.
    const bundle = generateBundle(60, 50);
    expect(() => checkBundleWrites(bundle, 171)).not.toThrow();
    const [problem, ...rest] = problemsOf(() => checkBundleWrites(bundle, 170));
    expect(rest).toEqual([]);
    expect(problem.field).toBe('bundle');
    expect(problem.reason).toMatch(
      /holds 111 records \(sources 1, actors 60, relationships 50\) citing 60 sources: 171 writes/,
    );
    expect(problem.reason).toMatch(/at most 170/);
    expect(problem.reason).toMatch(/npm run import/);
  });

  it('gives the event loop turns while it checks, and finds what the one-go check finds', async () => {
    const bundle = generateBundle(1_500, 1_500);
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const sliced = await parseBundleFieldsInSlices(bundle);
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(2); // 3,001 records in slices of 100
    expect(sliced).toEqual(parseBundleFields(bundle));

    const broken = brokenActors(600);
    const slicedProblems = await parseBundleFieldsInSlices(broken).then(
      () => [],
      (error: BadUserInputError) => error.problems,
    );
    expect(slicedProblems).toEqual(problemsOf(() => parseBundleFields(broken)));
  });
});
