import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildGraphSchema, printGraphSchema } from '../graphql/schema';
import { SCHEMA_FILE } from '../paths';

/** `npm run schema`: writes schema/schema.graphql from the resolver classes. */
void buildGraphSchema().then((schema) => {
  writeFileSync(SCHEMA_FILE, printGraphSchema(schema));
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
});
