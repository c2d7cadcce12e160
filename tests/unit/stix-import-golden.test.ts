import type { Bundle } from '../../src/bundle/format';
import { MUTATION_LIMITS } from '../../src/interop/stix/stix-limits';
import { bundleToStix } from '../../src/interop/stix/stix.export';
import { stixToBundle } from '../../src/interop/stix/stix.import';
import { Tlp } from '../../src/model/vocabulary';
import { golden, readFixture } from '../support/golden';

/**
 * stixToBundle held to goldens written before its converters were split into tables (issue 21):
 * a hand-written foreign bundle (every STIX type the import reads or skips, markings, versions,
 * OpenCTI properties) and the graph's own export (the extension path). The converted bundle, the
 * skip counts and where each record came from must not change.
 */
async function conversion(fixture: string) {
  const { bundle, skipped, originOf } = await stixToBundle(readFixture(fixture), MUTATION_LIMITS);
  const sections = ['sources', 'actors', 'locations', 'events', 'allegations', 'relationships'] as const;
  const origins = Object.fromEntries(
    sections.flatMap((section) =>
      (bundle[section] as Bundle[typeof section]).map((_, index) => [
        `${section}[${index}]`,
        originOf(`${section}[${index}]`) ?? null,
      ]),
    ),
  );
  return JSON.parse(JSON.stringify({ bundle, skipped, origins })) as unknown;
}

describe('STIX conversion goldens', () => {
  it('converts a foreign bundle exactly as before', async () => {
    const actual = await conversion('foreign-bundle.json');
    expect(actual).toEqual(golden('foreign-bundle.golden.json', actual));
  });

  it("converts the graph's own export (extension path) exactly as before", async () => {
    const actual = await conversion('seed-export.golden.json');
    expect(actual).toEqual(golden('seed-export.import.golden.json', actual));
  });

  // The foreign bundle's sources and items are CLEAR, GREEN, AMBER and RED: each level keeps less.
  it.each([Tlp.CLEAR, Tlp.AMBER, Tlp.RED])(
    'exports the converted foreign bundle at %s exactly as before',
    async (level) => {
      const { bundle } = await stixToBundle(readFixture('foreign-bundle.json'), MUTATION_LIMITS);
      const timestamps = new Map([
        [bundle.actors[0].id, { created: '2025-02-01T00:00:00.000Z', modified: '2025-02-02T00:00:00.000Z' }],
      ]);
      const actual = JSON.parse(JSON.stringify(bundleToStix(bundle, { tlp: level, timestamps }))) as unknown;
      expect(actual).toEqual(golden(`foreign-export-${level.toLowerCase()}.golden.json`, actual));
    },
  );
});
