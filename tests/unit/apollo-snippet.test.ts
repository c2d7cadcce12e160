import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

/**
 * The Apollo Client snippet of docs/changes.md cannot rot: it is taken from the page as written
 * and type-checked by tsc against the installed @apollo/client and graphql-ws (a devDependency
 * for this check only), and its subscription is validated against schema/schema.graphql. A copy
 * that passes graphql-ws an option it does not have is refused, so the check is real.
 */
const ROOT = path.resolve(__dirname, '../..');
// Under node_modules so that the snippet's imports resolve to the project's packages.
const WORK = path.join(ROOT, 'node_modules', '.cache', `apollo-snippet-${process.pid}`);

function snippet(): string {
  const page = readFileSync(path.join(ROOT, 'docs', 'changes.md'), 'utf8');
  const blocks = [...page.matchAll(/```ts\n([^]*?)```/g)].map((match) => match[1]);
  const apollo = blocks.filter((block) => block.includes('GraphQLWsLink'));
  expect(apollo).toHaveLength(1);
  return apollo[0];
}

function typeCheck(name: string, source: string) {
  const file = path.join(WORK, name);
  writeFileSync(file, source);
  const options = ['--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler'];
  return spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsc'),
    ['--noEmit', '--ignoreConfig', ...options, '--types', 'node', '--skipLibCheck', file],
    { encoding: 'utf8', timeout: 120_000 },
  );
}

describe('the Apollo Client snippet in docs/changes.md', () => {
  beforeAll(() => mkdirSync(WORK, { recursive: true }));
  afterAll(() => rmSync(WORK, { recursive: true, force: true }));

  it('type-checks against @apollo/client and graphql-ws, and a wrong option is refused', () => {
    const source = snippet();
    expect(source).toContain("connectionParams: { 'x-api-key': API_KEY }");
    const checked = typeCheck('snippet.ts', source);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);

    const refused = typeCheck('broken.ts', source.replace('connectionParams:', 'connectionParamz:'));
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toMatch(/connectionParamz/);
  }, 180_000);

  it('subscribes with an operation the committed schema accepts', () => {
    const operation = /gql`([^`]*)`/.exec(snippet())![1];
    const schema = buildSchema(readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
    expect(validate(schema, parse(operation))).toEqual([]);
    expect(validate(schema, parse(operation.replace('targetId', 'notAField')))).not.toEqual([]);
  });
});
