/**
 * Quantifier bounds of a quantified path pattern (`{1,3}`) and of a variable-length relationship
 * (`*1..3`), from a closed table: a number from a request never becomes Cypher text, and no
 * traversal is unbounded.
 */
const HOPS = [1, 2, 3, 4, 5, 6] as const;

const HOP_BOUNDS: Readonly<Record<number, string>> = Object.fromEntries(HOPS.map((hops) => [hops, `{1,${hops}}`]));
const VAR_LENGTH_BOUNDS: Readonly<Record<number, string>> = Object.fromEntries(
  HOPS.map((hops) => [hops, `*1..${hops}`]),
);

export function hopBound(max: number): string {
  const bound = HOP_BOUNDS[max];
  if (!bound) throw new Error(`hop bound ${max} is outside 1-6`);
  return bound;
}

export function varLengthBound(max: number): string {
  const bound = VAR_LENGTH_BOUNDS[max];
  if (!bound) throw new Error(`hop bound ${max} is outside 1-6`);
  return bound;
}
