import { useSeededApp } from '../support/seeded-app';

/**
 * The sentences an investigator reads, for a fixed set of 30 seeded pairs: the best path by
 * score, one sentence per line. Reviewed by reading (tests/e2e/__snapshots__/); a change to any
 * sentence shows in the diff and must be read again before it is accepted with `-u`.
 */

const PAIRS: Array<[string, string]> = [
  ['ukraine', 'jnim'],
  ['russia', 'jnim'],
  ['russia', 'ukraine'],
  ['france', 'jnim'],
  ['aes', 'france'],
  ['aes', 'aes-accuses-france-ukraine'],
  ['senegal', 'jnim'],
  ['senegalese-truck-drivers', 'jnim'],
  ['senegalese-truck-drivers', 'mali'],
  ['mali', 'france'],
  ['mali', 'mali-country'],
  ['burkina-faso', 'niger'],
  ['french-forces', 'sahel'],
  ['french-forces', 'france'],
  ['ukrainian-intelligence', 'jnim'],
  ['icj', 'ukraine'],
  ['al-qaeda', 'mali'],
  ['mali-armed-forces', 'jnim'],
  ['jnim', 'kayes'],
  ['jnim', 'kayes-corridor'],
  ['jnim', 'nioro-du-sahel'],
  ['kayes', 'senegal-country'],
  ['mauritania', 'jnim'],
  ['russia', 'mali-country'],
  ['jnim', 'sahel'],
  ['blockade-economic-collapse', 'jnim'],
  ['gold-export-blockade', 'mali'],
  ['sahel-coups-2020-2023', 'french-forces'],
  ['jnim-public-warning', 'senegalese-truck-drivers'],
  ['niger-country', 'jnim'],
];

describe('explanations of 30 seeded pairs (golden)', () => {
  const { ask } = useSeededApp();

  it.each(PAIRS)('%s to %s', async (fromId, toId) => {
    const { paths } = await ask<{ paths: Array<{ score: number; steps: Array<{ sentence: string }> }> }>(
      `{ paths(fromId: "${fromId}", toId: "${toId}", maxHops: 4, first: 1, orderBy: SCORE) { score steps { sentence } } }`,
    );
    expect(paths).toHaveLength(1);
    const sentences = paths[0].steps.map((step) => step.sentence);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(`score ${paths[0].score}\n${sentences.join('\n')}`).toMatchSnapshot();
  });
});
