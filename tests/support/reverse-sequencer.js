// @ts-check
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Runs the test files in the reverse of jest's own order, to show no file depends on what an
 * earlier one wrote: `npx jest --testSequencer ./tests/support/reverse-sequencer.js`.
 */
class ReverseSequencer extends Sequencer {
  /** @param {Parameters<Sequencer['sort']>[0]} tests */
  async sort(tests) {
    return [...(await super.sort(tests))].reverse();
  }
}

module.exports = ReverseSequencer;
