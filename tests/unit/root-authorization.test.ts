import { GraphQLError, type GraphQLField, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Identity } from '../../src/auth/identity';
import { requiredRole } from '../../src/auth/authorization';
import { ErrorCode } from '../../src/errors';
import { buildGraphSchema } from '../../src/graphql/schema';
import { Tlp } from '../../src/model/vocabulary';

/**
 * The role check sits in front of every root field of the built schema (guardRootFields), so a
 * resolver class added later cannot skip it; the fields under a root field are not wrapped (the
 * global middleware this replaced turned every scalar into a chain of promises).
 */
const identity = (role: Identity['role']): Identity => ({
  name: `a-${role}`,
  role,
  via: 'api-key',
  clearance: Tlp.CLEAR,
});
const infoOf = (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) =>
  ({
    fieldName: field.name,
    parentType: type,
    path: { prev: undefined, key: field.name },
  }) as unknown as GraphQLResolveInfo;

/** The code of the role check's refusal, or null when it let the call through to the resolver. */
async function refusal(
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  auth: Identity | null,
  half: 'resolve' | 'subscribe' = 'resolve',
): Promise<string | null> {
  const run = field[half]!;
  try {
    // The context has nothing but the caller: a resolver that gets past the check fails on it.
    await run(undefined, {}, { auth }, infoOf(type, field));
  } catch (error) {
    // The role check's own refusal (a resolver may raise UNAUTHENTICATED for its own reasons).
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    if (error instanceof Error && /needs (credentials|the \w+ role)/.test(error.message)) return String(code);
  }
  return null;
}

describe('root field authorization', () => {
  it('without anonymous reads, every query, mutation and subscription refuses an anonymous caller', async () => {
    const schema = await buildGraphSchema({ anonymousReads: false });
    const refused: Array<[string, string | null]> = [];
    for (const type of [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!]) {
      for (const field of Object.values(type.getFields())) {
        refused.push([field.name, await refusal(type, field, null)]);
        if (field.subscribe) refused.push([`${field.name} (subscribe)`, await refusal(type, field, null, 'subscribe')]);
      }
    }
    expect(refused.length).toBeGreaterThan(40);
    expect(refused.map(([name]) => name)).toContain('changed (subscribe)');
    expect(refused.filter(([, code]) => code !== ErrorCode.UNAUTHENTICATED)).toEqual([]);
  });

  it('each root field asks for its own role: a caller one rank below is FORBIDDEN, the role itself passes', async () => {
    const schema = await buildGraphSchema({ anonymousReads: true });
    const below = { editor: 'reader', admin: 'editor' } as const;
    const wrong: Array<[string, string, string | null]> = [];
    let guarded = 0;
    for (const type of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(type.getFields())) {
        const needed = requiredRole(type.name, field.name);
        const expected: Array<[Identity | null, string | null]> = [[identity(needed), null]];
        if (needed !== 'reader') {
          guarded += 1;
          expected.push([null, ErrorCode.UNAUTHENTICATED], [identity(below[needed]), ErrorCode.FORBIDDEN]);
        }
        for (const [caller, code] of expected) {
          const got = await refusal(type, field, caller);
          if (got !== code) wrong.push([field.name, caller?.role ?? 'anonymous', got]);
        }
      }
    }
    expect(guarded).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
    // Anonymous reads on: a reader's query goes through without credentials.
    const query = schema.getQueryType()!;
    expect(await refusal(query, query.getFields().actor, null)).toBeNull();
  });

  it('leaves the fields under the root alone: a plain field answers at once, not as a promise', async () => {
    const schema = await buildGraphSchema();
    const actor = schema.getType('Actor') as GraphQLObjectType;
    const name = actor.getFields().name;
    const answer = (name.resolve ?? ((source: { name: string }) => source.name))(
      { name: 'JNIM' },
      {},
      { auth: null },
      infoOf(actor, name),
    );
    expect(answer).toBe('JNIM');
  });
});
