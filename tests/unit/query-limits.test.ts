import { buildSchema, GraphQLError, GraphQLObjectType, parse } from 'graphql';
import { checkOperation, operationShape, type MeasureCache, type QueryLimits } from '../../src/graphql/limits';

const LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxComplexity: 50_000,
  maxTokens: 5_000,
  maxSelections: 5_000,
  maxListLength: 1_000,
  documentCacheBytes: 1_000_000,
};

const schema = buildSchema(`
  type Item { id: ID! name: String children(first: Int): [Item!]! }
  type Query { item(id: ID!): Item items(ids: [ID!]!): [Item!]! broken: Item }
`);
// graphql-query-complexity reads a field's cost from extensions.complexity: this one cannot be computed.
schema.getQueryType()!.getFields().broken.extensions = {
  complexity: () => {
    throw new Error('estimator failed');
  },
};

// A list's cost grows with its page size, as the service's list fields do.
(schema.getType('Item') as GraphQLObjectType).getFields().children.extensions = {
  complexity: ({ args, childComplexity }: { args: { first?: number }; childComplexity: number }) =>
    (args.first ?? 1) * childComplexity,
};

const errorOf = (run: () => void): GraphQLError => {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected the check to refuse the operation');
};

describe('query limits (unit)', () => {
  it('measures depth and expanded selections with each fragment once: 60 levels spread 3 times each', () => {
    const levels = 60;
    const fragments = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Item { id ${i + 1 < levels ? '...F' + (i + 1) + ' ...F' + (i + 1) + ' ...F' + (i + 1) : ''} }`,
    ).join(' ');
    const started = performance.now();
    const shape = operationShape(parse(`{ item(id: "a") { ...F0 } } ${fragments}`));
    expect(performance.now() - started).toBeLessThan(50);
    expect(shape.depth).toBe(2); // item { id }
    // 3^59 expansions: far over any limit, and computed without walking them.
    expect(shape.selections).toBeGreaterThan(3 ** 59);
  });

  it('counts depth through fragments and inline fragments, ignoring introspection fields', () => {
    const document = parse(
      '{ item(id: "a") { ...A ... on Item { children { children { id } } } __typename } } fragment A on Item { children { id } }',
    );
    expect(operationShape(document)).toEqual({ depth: 4, selections: 9 });
  });

  it('refuses a query whose cost cannot be computed, instead of running it', () => {
    const error = errorOf(() => checkOperation(LIMITS, schema, parse('{ broken { id } }'), undefined, {}));
    expect(error.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'complexity' });
    expect(error.message).toMatch(/cost of this query could not be computed \(estimator failed\)/);
  });

  it('coerces variables before the cost: a bad one is BAD_USER_INPUT naming it', () => {
    const document = parse('query($n: Int) { item(id: "a") { children(first: $n) { id } } }');
    const error = errorOf(() => checkOperation(LIMITS, schema, document, undefined, { n: 'many' }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
    expect(error.message).toMatch(/Variable "\$n" got invalid value "many"/);
  });

  it('does not echo a huge value back: quoted values in the message are cut short', () => {
    const document = parse('query($n: Int) { item(id: "a") { children(first: $n) { id } } }');
    const error = errorOf(() => checkOperation(LIMITS, schema, document, undefined, { n: 'x'.repeat(200_000) }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain(`"${'x'.repeat(80)}…"`);
  });

  it('checks list lengths before coercing: a long list of wrong items is refused for its length', () => {
    const document = parse('query($ids: [ID!]!) { items(ids: $ids) { id } }');
    const ids = Array.from({ length: 1_001 }, () => ({ not: 'an id' }));
    const error = errorOf(() => checkOperation(LIMITS, schema, document, undefined, { ids }));
    expect(error.extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'listLength',
      field: 'ids',
      actual: 1_001,
    });
  });

  it('lets a query within every limit through', () => {
    const document = parse('query($ids: [ID!]!) { items(ids: $ids) { id children(first: 5) { name } } }');
    expect(() => checkOperation(LIMITS, schema, document, undefined, { ids: ['a', 'b'] })).not.toThrow();
  });

  it("a document measured once (the server's cache) is refused or let through the same way every time", () => {
    const cache: MeasureCache = new WeakMap();
    const strict = { ...LIMITS, maxComplexity: 100, maxAliases: 1 };
    const costly = parse('{ item(id: "a") { children(first: 500) { id } } }');
    const aliased = parse('{ a: item(id: "a") { id } b: item(id: "b") { id } }');
    const fine = parse('{ item(id: "a") { id } }');
    for (let i = 0; i < 3; i++) {
      expect(errorOf(() => checkOperation(strict, schema, costly, undefined, {}, cache)).extensions).toMatchObject({
        limit: 'complexity',
      });
      expect(errorOf(() => checkOperation(strict, schema, aliased, undefined, {}, cache)).extensions).toMatchObject({
        limit: 'aliases',
        actual: 2,
      });
      expect(() => checkOperation(strict, schema, fine, undefined, {}, cache)).not.toThrow();
    }
    expect(cache.has(costly)).toBe(true);
  });

  it("the cost of an operation with variables is computed for each request's values, cache or not", () => {
    const cache: MeasureCache = new WeakMap();
    const strict = { ...LIMITS, maxComplexity: 100 };
    const document = parse('query($n: Int) { item(id: "a") { children(first: $n) { id } } }');
    expect(() => checkOperation(strict, schema, document, undefined, { n: 2 }, cache)).not.toThrow();
    expect(
      errorOf(() => checkOperation(strict, schema, document, undefined, { n: 5_000 }, cache)).extensions,
    ).toMatchObject({ limit: 'complexity' });
    expect(() => checkOperation(strict, schema, document, undefined, { n: 2 }, cache)).not.toThrow();
    expect(
      errorOf(() => checkOperation(strict, schema, document, undefined, { n: 'x' }, cache)).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
  });
});
