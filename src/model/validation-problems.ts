import type { ValidationError } from 'class-validator';
import type { FieldProblem } from '../errors';

/**
 * class-validator's nested errors as one flat list of field problems, each named by its dotted
 * path (`actor.credibility`, `relationships[3].from`): what GraphQL arguments and bundle records
 * both report as BAD_USER_INPUT.
 */
export function validationProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix
      ? /^\d+$/.test(error.property)
        ? `${prefix}[${error.property}]`
        : `${prefix}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}
