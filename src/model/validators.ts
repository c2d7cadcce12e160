import { Matches, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';
import { isPartialDate } from './partial-date';
import { ID_MAX_LENGTH, ID_PATTERN } from './vocabulary';

/** class-validator decorators for the model's own value shapes, shared by bundles and inputs. */

export function IsPartialDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPartialDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a real date of the form YYYY, YYYY-MM or YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isPartialDate(value) },
    });
}

/** Slug ids: `jnim`, `mali-country`, `nioro-du-sahel`. */
export function IsEntityId(options?: ValidationOptions): PropertyDecorator {
  const message = `$property must be a slug of lower-case letters, digits and single hyphens (e.g. "nioro-du-sahel"), at most ${ID_MAX_LENGTH} characters`;
  return (target, propertyName) => {
    Matches(ID_PATTERN, { message, ...options })(target, propertyName as string);
    MaxLength(ID_MAX_LENGTH, { message, ...options })(target, propertyName as string);
  };
}

/**
 * All items different, checked in one pass with a Set. (class-validator's @ArrayUnique compares
 * each item with every other one: 100,000 ids took seconds of blocked event loop.)
 */
export function IsUniqueList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUniqueList',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: "All $property's elements must be unique", ...options },
      validator: { validate: (value: unknown) => Array.isArray(value) && new Set(value).size === value.length },
    });
}
