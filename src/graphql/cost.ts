/**
 * Cost of a field for the complexity limit (graphql-query-complexity reads `complexity` from the
 * field options). Arguments are clamped to their caps first, so an out-of-range value is reported
 * by argument validation (BAD_USER_INPUT naming it), not as an expensive query.
 */
const clamp = (value: unknown, fallback: number, max: number) =>
  Math.min(typeof value === 'number' && value > 0 ? value : fallback, max);

/** A list of `first` items, each costing its selection. */
export const listCost =
  (fallback: number, max: number) =>
  ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
    clamp(args.first, fallback, max) * Math.max(1, childComplexity);

/** Traversal work (hops x candidates) plus the items returned, each costing its selection. */
export const traversalCost =
  (
    work: (
      args: Record<string, unknown>,
      at: (name: string, fallback: number, max: number) => number,
    ) => { work: number; items: number },
  ) =>
  ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) => {
    const { work: effort, items } = work(args, (name, fallback, max) => clamp(args[name], fallback, max));
    return effort + items * Math.max(1, childComplexity);
  };
