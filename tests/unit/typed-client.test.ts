import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXAMPLE_DIR, generateTypedClient, writeTypedClient } from '../../tools/typed-client-codegen';

/**
 * The typed-client example cannot rot (docs/typed-client.md): GraphQL Code Generator runs over the
 * committed schema/schema.graphql (offline), and tsc type-checks examples/typed-client/client.ts
 * against what it generated. A schema change that breaks the example fails here.
 */
describe('the typed-client example', () => {
  it('generates the types of its operation from the committed schema', async () => {
    const generated = await generateTypedClient();
    expect(generated).toContain('export type BestPathQuery =');
    expect(generated).toContain('export type BestPathQueryVariables =');
    // Nullability comes from the schema: no path is null, an id is required.
    expect(generated).toMatch(/shortestPath: \{[^]*\} \| null/);
    expect(generated).toMatch(/fromId: string/);
  });

  it('type-checks client.ts against the generated types, and refuses code that reads a field the operation does not select', async () => {
    const out = await writeTypedClient();
    expect(readFileSync(out, 'utf8')).toContain('BestPathQuery');
    const tsc = (project: string) =>
      spawnSync(path.resolve(__dirname, '../../node_modules/.bin/tsc'), ['--noEmit', '-p', project], {
        encoding: 'utf8',
        timeout: 120_000,
      });
    const checked = tsc(path.join(EXAMPLE_DIR, 'tsconfig.json'));
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);

    // The same check on a copy whose code reads a field the operation does not select: tsc refuses it.
    const broken = mkdtempSync(path.join(tmpdir(), 'typed-client-'));
    try {
      const client = readFileSync(path.join(EXAMPLE_DIR, 'client.ts'), 'utf8').replace(
        'hop.credibility}',
        'hop.notAField}',
      );
      expect(client).toContain('hop.notAField');
      mkdirSync(path.join(broken, 'generated'));
      writeFileSync(path.join(broken, 'client.ts'), client);
      writeFileSync(path.join(broken, 'generated', 'graphql.ts'), readFileSync(out));
      writeFileSync(path.join(broken, 'tsconfig.json'), readFileSync(path.join(EXAMPLE_DIR, 'tsconfig.json')));
      const refused = tsc(path.join(broken, 'tsconfig.json'));
      expect(refused.status).not.toBe(0);
      expect(refused.stdout).toMatch(/notAField/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 180_000);
});
