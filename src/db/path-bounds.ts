/**
 * Quantifier bounds of a quantified path pattern (`{1,3}`), from a closed table: a number from a
 * request never becomes Cypher text, and no traversal is unbounded.
 */
const HOP_BOUNDS: Readonly<Record<number, string>> = {
  1: '{1,1}',
  2: '{1,2}',
  3: '{1,3}',
  4: '{1,4}',
  5: '{1,5}',
  6: '{1,6}',
};

export function hopBound(max: number): string {
  const bound = HOP_BOUNDS[max];
  if (!bound) throw new Error(`hop bound ${max} is outside 1-6`);
  return bound;
}
