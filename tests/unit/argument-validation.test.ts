import 'reflect-metadata';
import {
  parse,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode } from '../../src/errors';
import { buildGraphSchema } from '../../src/graphql/schema';
import { validateArgument } from '../../src/graphql/validation';
import { RelationshipsArgs } from '../../src/relationships/relationship.args';

/**
 * validateArgument shares one validation per execution (its variables object), field node and
 * parent type; called by hand, with no execution around it, it validates every time, and its
 * failure is always the promise it returns (never a throw that would orphan a rejection).
 */
const argsOf = (first: number) => Object.assign(new RelationshipsArgs(), { first });

describe('argument validation', () => {
  let actor: GraphQLObjectType;
  let node: FieldNode;

  beforeAll(async () => {
    actor = (await buildGraphSchema()).getType('Actor') as GraphQLObjectType;
    const operation = parse('{ a { relationships(first: 3) { edges { id } } } }')
      .definitions[0] as OperationDefinitionNode;
    node = (operation.selectionSet.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode;
  });

  const info = (variableValues: unknown, fieldNodes: unknown) =>
    ({ parentType: actor, fieldName: 'relationships', variableValues, fieldNodes }) as unknown as GraphQLResolveInfo;
  const check = (args: RelationshipsArgs, at: GraphQLResolveInfo) =>
    validateArgument(args, RelationshipsArgs, { info: at, root: undefined, args: {}, context: {} });

  it('within one execution, the same field is validated once and every item gets that outcome', async () => {
    const variables = {};
    const first = check(argsOf(3), info(variables, [node]));
    expect(check(argsOf(3), info(variables, [node]))).toBe(first);
    await expect(first).resolves.toBeUndefined();
    // Another execution (another variables object) is validated afresh.
    const next = check(argsOf(500), info({}, [node]));
    expect(next).not.toBe(first);
    await expect(next).rejects.toMatchObject({ extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'first' } });
  });

  it('outside an execution it validates each call, and refuses through the promise it returns', async () => {
    for (const outside of [info(undefined, undefined), info(null, []), info({}, undefined)]) {
      let returned: Promise<unknown> | undefined;
      expect(() => {
        returned = Promise.resolve(check(argsOf(500), outside));
      }).not.toThrow();
      await expect(returned).rejects.toMatchObject({ extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
  });
});
