import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { MetaResolver } from '../meta/meta.resolver';
import { validateArgument } from './validation';

/** Every resolver class of the API; the schema is built from these and nothing else. */
export const RESOLVERS = [MetaResolver] as const;

export function buildGraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    validateFn: validateArgument,
  });
}

const HEADER = '# Emitted from the code by `npm run schema` (src/graphql/schema.ts). Do not edit by hand.\n\n';

/** The committed schema/schema.graphql text: sorted, so diffs show real changes only. */
export function printGraphSchema(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
