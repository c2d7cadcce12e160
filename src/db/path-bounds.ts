/**
 * Quantifier bounds of a quantified path pattern (`{1,3}`) and of a variable-length relationship
 * (`*1..3`), from a closed table: a number from a request never becomes Cypher text, and no
 * traversal is unbounded.
 */
const HOPS = [1, 2, 3, 4, 5, 6] as const;

/** The bound text for `max` hops, from the closed table; anything else is a programming error. */
function bounded(max: number, text: (hops: number) => string): string {
  if (!(HOPS as readonly number[]).includes(max)) throw new Error(`hop bound ${max} is outside 1-6`);
  return text(max);
}

/** `{1,max}`, a quantified path pattern's bound. */
export const hopBound = (max: number): string => bounded(max, (hops) => `{1,${hops}}`);

/** `*1..max`, a variable-length relationship's bound. */
export const varLengthBound = (max: number): string => bounded(max, (hops) => `*1..${hops}`);
