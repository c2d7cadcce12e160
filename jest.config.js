// @ts-check
const { readFileSync } = require('node:fs');

/** Tests compile with swc (legacy decorators + metadata, from .swcrc); ts-jest does not support TypeScript 7. */
const swcConfig = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcConfig],
    // jose (used by jwks-rsa) and auto-bind (used by GraphQL Code Generator's plugins, for the
    // typed-client test) ship only ES modules; jest loads CommonJS, so swc converts them.
    '/node_modules/(jose|auto-bind)/.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/|auto-bind/)'],
  // One real Neo4j is shared by the suite: files run one at a time so their graphs do not mix.
  maxWorkers: 1,
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Inline snapshots are written as they are, not re-formatted by Prettier (the format check
  // covers test files like any other).
  prettierPath: null,
  testTimeout: 60_000,
  slowTestThreshold: 20,
  reporters: ['default', ['<rootDir>/tests/support/summary-reporter.js', { file: 'test-results.json' }]],
};
