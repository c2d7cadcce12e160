import { validate } from 'class-validator';
import { getNamedType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ValidatorFn } from 'type-graphql';
import { BadUserInputError, type FieldProblem } from '../errors';
import { validationProblems } from '../model/validation-problems';

/**
 * type-graphql hands every argument and input object here (buildSchema's validateFn). We run
 * class-validator ourselves so that a failure is our BadUserInputError, whose message and
 * `extensions.problems` name each offending field with its reason.
 */
export const validateArgument: ValidatorFn = (argValue, argType, { info }) => {
  const variables: unknown = info.variableValues;
  const node: FieldNode | undefined = info.fieldNodes?.[0];
  // Outside an execution (a resolver called by hand) there is nothing to share the validation with.
  if (typeof variables !== 'object' || variables === null || !node) return validateValue(argValue, argType, info);
  let byNode = validations.get(variables);
  if (!byNode) validations.set(variables, (byNode = new WeakMap()));
  const known = byNode.get(node) ?? [];
  const same = known.find((entry) => entry.argType === argType && entry.parent === info.parentType.name);
  if (same) return same.validation;
  const validation = validateValue(argValue, argType, info);
  byNode.set(node, [...known, { parent: info.parentType.name, argType, validation }]);
  return validation;
};

async function validateValue(argValue: unknown, argType: unknown, info: GraphQLResolveInfo): Promise<void> {
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const argName = inputArgumentName(argType, info.parentType.getFields()[info.fieldName]?.args ?? []);
  const problems: FieldProblem[] = [];
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== 'object') continue;
    const errors = await validate(value, { forbidUnknownValues: false });
    const prefix = `${argName ?? ''}${Array.isArray(argValue) ? `[${index}]` : ''}`;
    problems.push(...validationProblems(errors, prefix));
  }
  if (problems.length > 0) throw new BadUserInputError(problems);
}

/**
 * One validation per execution, field node and parent type, shared by every item it is asked
 * for. graphql-js computes a field's arguments from exactly these (the operation's variables
 * are one object per execution), so a field resolved under every item of a page (relationships
 * under each of 20 actors) has the same arguments each time: class-validator runs once per
 * request, not once per item (it was a twentieth of a nested list's CPU). The items of a page
 * are resolved together, so what is shared is the validation under way, not only its outcome.
 */
interface Validation {
  parent: string;
  argType: unknown;
  validation: Promise<void>;
}

const validations = new WeakMap<object, WeakMap<FieldNode, Validation[]>>();

/**
 * For an input-object argument (`upsertActor(actor: ActorInput!)`), the argument's name, so a
 * problem reads `actor.kind` rather than `kind`. Args classes (@ArgsType) already name their
 * fields after the arguments, and get no prefix.
 */
function inputArgumentName(
  argType: unknown,
  args: ReadonlyArray<{ name: string; type: Parameters<typeof getNamedType>[0] }>,
) {
  const input = getMetadataStorage().inputTypes.find((meta) => meta.target === argType);
  if (!input) return undefined;
  return args.find((arg) => getNamedType(arg.type)?.name === input.name)?.name;
}
