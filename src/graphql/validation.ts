import { validate } from 'class-validator';
import { getNamedType } from 'graphql';
import { getMetadataStorage, type ValidatorFn } from 'type-graphql';
import { BadUserInputError, type FieldProblem } from '../errors';
import { validationProblems } from '../model/validation-problems';

/**
 * type-graphql hands every argument and input object here (buildSchema's validateFn). We run
 * class-validator ourselves so that a failure is our BadUserInputError, whose message and
 * `extensions.problems` name each offending field with its reason.
 */
export const validateArgument: ValidatorFn = async (argValue, argType, { info }) => {
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
};

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
