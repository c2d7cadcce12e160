import { readFileSync } from 'node:fs';
import { buildGraphSchema, printGraphSchema } from '../../src/graphql/schema';
import { SCHEMA_FILE } from '../../src/paths';

describe('schema/schema.graphql', () => {
  it('is current: it equals the schema emitted from the code (run `npm run schema` after changing types)', async () => {
    const emitted = printGraphSchema(await buildGraphSchema());
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toEqual(emitted);
  });
});
