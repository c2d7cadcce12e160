import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { buildSchema, parse } from 'graphql';

/**
 * GraphQL Code Generator over schema/schema.graphql for examples/typed-client (docs/typed-client.md):
 * the result and variable types of its operations, offline (the committed schema file, no server).
 * tests/unit/typed-client.test.ts runs it and type-checks the example; `npm run codegen:example`
 * writes examples/typed-client/generated/graphql.ts for a developer.
 */
// tools/ in a test, dist/tools/ when built: the project root is the first parent with a schema/.
const root = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')].find((dir) =>
  existsSync(path.join(dir, 'schema', 'schema.graphql')),
)!;
export const EXAMPLE_DIR = path.join(root, 'examples', 'typed-client');
const SCHEMA_FILE = path.join(root, 'schema', 'schema.graphql');
const OPERATIONS = ['best-path.graphql'];

/** The generated TypeScript (types of the schema used by the operations, and the operations'). */
export async function generateTypedClient(): Promise<string> {
  const schemaText = readFileSync(SCHEMA_FILE, 'utf8');
  return codegen({
    filename: 'graphql.ts',
    schema: parse(schemaText),
    schemaAst: buildSchema(schemaText),
    documents: OPERATIONS.map((file) => ({
      location: file,
      document: parse(readFileSync(path.join(EXAMPLE_DIR, file), 'utf8')),
    })),
    // typescript-operations 6 emits the enums and input types its operations use by itself
    // (with the typescript plugin too, each enum would be declared twice).
    plugins: [{ typescriptOperations: {} }],
    pluginMap: { typescriptOperations },
    // Enums as string unions: the example needs no runtime code from the generated file.
    config: { enumsAsTypes: true },
  });
}

/** Writes the generated file where client.ts imports it from; returns its path. */
export async function writeTypedClient(outDir = path.join(EXAMPLE_DIR, 'generated')): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'graphql.ts');
  writeFileSync(file, await generateTypedClient());
  return file;
}

if (require.main === module) {
  writeTypedClient().then(
    (file) => process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
