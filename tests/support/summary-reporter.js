// Writes jest's totals to a small JSON file that .ci/run turns into its `tests: N passed, N failed` line.
const { writeFileSync } = require('node:fs');

class SummaryReporter {
  constructor(_globalConfig, options) {
    this.file = options.file;
  }

  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
    };
    writeFileSync(this.file, JSON.stringify(summary) + '\n');
  }
}

module.exports = SummaryReporter;
