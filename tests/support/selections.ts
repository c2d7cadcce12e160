import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Selections built from the schema, for tests that ask every field a projection table lists
 * (src/common/property-projection.ts) and compare the answer with a whole read.
 */

/** A field's sub-selection: the leaf fields of its type (one level), `{ __typename }` when it has none, nothing for a leaf. */
export function leafSelection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return '';
  const leaves = Object.values(named.getFields()).filter(
    (field) =>
      isLeafType(getNamedType(field.type)) &&
      field.args.every((arg) => arg.defaultValue !== undefined || !isNonNullType(arg.type)),
  );
  return `{ ${leaves.length ? leaves.map((field) => field.name).join(' ') : '__typename'} }`;
}

/**
 * The fields of `type` that `table` lists (but `skip`), each with its leaf sub-selection, aliased
 * by type (`Actor_kind: kind`): `kind` and `status` differ in type from one entity type to another.
 */
export function listedFields(
  type: GraphQLObjectType,
  table: Readonly<Record<string, readonly string[]>>,
  skip: readonly string[] = [],
): string {
  return Object.values(type.getFields())
    .filter((field) => Object.hasOwn(table, field.name) && !skip.includes(field.name))
    .map((field) => `${type.name}_${field.name}: ${field.name} ${leafSelection(field.type)}`)
    .join(' ');
}

/** Every listed field of every entity type, as inline fragments on each. */
export function listedEntityFields(
  schema: GraphQLSchema,
  table: Readonly<Record<string, readonly string[]>>,
  skip: readonly string[] = [],
): string {
  const entityTypes = schema.getPossibleTypes(schema.getType('Entity') as GraphQLInterfaceType);
  return entityTypes.map((type) => `... on ${type.name} { ${listedFields(type, table, skip)} }`).join(' ');
}
