import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConnectArgs } from '../../src/traversal/traversal.args';

/**
 * List uniqueness is checked with a Set. class-validator's @ArrayUnique compared every item with
 * every other one, and class-validator runs every constraint even when the size check has failed:
 * 200,000 ids in connect(ids:) blocked the event loop for minutes.
 */
describe('IsUniqueList', () => {
  const problemsOf = (ids: string[]) =>
    validateSync(plainToInstance(ConnectArgs, { ids, maxHops: 2, includeAllegations: true })).flatMap((error) =>
      Object.keys(error.constraints ?? {}),
    );

  it('finds a repeated id', () => {
    expect(problemsOf(['mali', 'niger', 'mali'])).toContain('isUniqueList');
    expect(problemsOf(['mali', 'niger'])).toEqual([]);
  });

  it('checks 200,000 distinct ids in linear time', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `actor-${i}`);
    const started = performance.now();
    const problems = problemsOf(ids);
    // Far above linear time even on a loaded 2-core machine; the quadratic check took minutes.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(problems).toContain('arrayMaxSize');
    expect(problems).not.toContain('isUniqueList');
  });
});
