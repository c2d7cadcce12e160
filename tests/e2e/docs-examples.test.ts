import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { TEST_KEYS } from '../support/app';
import { useSeededApp } from '../support/seeded-app';

/**
 * The documentation's examples stay runnable (issue 21): every GraphQL block of README.md and
 * docs/*.md is valid against the committed schema, and every query in them runs on the seeded
 * graph without an error; every `npm run` command names a script, and every `--flag` given to a
 * command-line tool is one its `--help` lists.
 */
const ROOT = path.resolve(__dirname, '../..');
const DOCS = [
  'README.md',
  ...(existsSync(path.join(ROOT, 'docs'))
    ? readdirSync(path.join(ROOT, 'docs'))
        .filter((file) => file.endsWith('.md'))
        .map((file) => `docs/${file}`)
    : []),
];

interface Block {
  file: string;
  lang: string;
  text: string;
}

function blocks(file: string): Block[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((match) => ({ file, lang: match[1], text: match[2] }));
}

const allBlocks = DOCS.flatMap(blocks);
const graphqlBlocks = allBlocks.filter((block) => block.lang === 'graphql');
const schema = buildSchema(readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));

/** Each operation of a block, named as a client would send it (the block's own names, or one). */
const operations = graphqlBlocks.flatMap((block) => {
  const document = parse(block.text);
  return document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation, index) => ({ block, document, operation, index }));
});

describe('the GraphQL examples of the README and docs/', () => {
  const { fixture } = useSeededApp();

  it('finds examples in the README and in docs/', () => {
    expect(graphqlBlocks.length).toBeGreaterThan(3);
    expect(operations.length).toBeGreaterThan(graphqlBlocks.length - 1);
  });

  it.each(graphqlBlocks.map((block, i) => [`${block.file} #${i + 1}`, block]))(
    '%s is valid against schema/schema.graphql',
    (_name, block) => {
      // A block is a collection of examples: each operation is validated as a client sends it.
      const document = parse((block as Block).text);
      const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
      const operationsOfBlock = document.definitions.filter(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operationsOfBlock.length).toBeGreaterThan(0);
      const errors = operationsOfBlock.flatMap((operation) =>
        validate(schema, { ...document, definitions: [operation, ...fragments] }).map((error) => error.message),
      );
      expect(errors).toEqual([]);
    },
  );

  it('runs every query without variables on the seeded graph, without an error', async () => {
    const runnable = operations.filter(
      ({ operation }) => operation.operation === 'query' && !operation.variableDefinitions?.length,
    );
    expect(runnable.length).toBeGreaterThan(3);
    const failures: string[] = [];
    for (const { block, document, operation } of runnable) {
      // Several anonymous operations in one block are not sendable together: send each alone.
      const single = { ...document, definitions: [operation] };
      const response = await fetch(fixture.app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEYS.admin },
        body: JSON.stringify({ query: print(single) }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { errors?: Array<{ message: string }> };
      if (body.errors?.length)
        failures.push(`${block.file}: ${print(operation).slice(0, 80)}: ${body.errors[0].message}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the commands of the README and docs/', () => {
  const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
  const commandLines = allBlocks
    .filter((block) => ['sh', 'bash', 'shell', ''].includes(block.lang))
    .flatMap((block) =>
      block.text.split('\n').map((line) => ({ file: block.file, line: line.replace(/#.*$/, '').trim() })),
    )
    .filter(({ line }) => /(^|&& )npm run /.test(line));

  it('finds commands to check', () => {
    expect(commandLines.length).toBeGreaterThan(3);
  });

  it('names only scripts that package.json has', () => {
    const unknown = commandLines.flatMap(({ file, line }) =>
      [...line.matchAll(/npm run (?:--silent )?([\w:-]+)/g)]
        .map((match) => match[1])
        .filter((name) => !(name in scripts))
        .map((name) => `${file}: npm run ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('gives each command-line tool only flags its --help lists', () => {
    const helpOf = new Map<string, string>();
    const unknown: string[] = [];
    for (const { file, line } of commandLines) {
      const match = /npm run (?:--silent )?([\w:-]+)(?: -- (.*))?/.exec(line);
      if (!match?.[2]) continue;
      const entry = /node (dist\/\S+\.js)/.exec(scripts[match[1]] ?? '')?.[1];
      if (!entry) continue;
      if (!helpOf.has(entry)) {
        const result = spawnSync('node', [path.join(ROOT, entry), '--help'], { encoding: 'utf8', timeout: 30_000 });
        helpOf.set(entry, `${result.stdout}${result.stderr}`);
      }
      for (const [flag] of match[2].matchAll(/--[a-z][\w-]*/g)) {
        if (!helpOf.get(entry)!.includes(flag)) unknown.push(`${file}: ${line} (${flag})`);
      }
    }
    expect(helpOf.size).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });
});
