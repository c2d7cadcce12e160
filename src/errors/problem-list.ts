import { BadUserInputError, type FieldProblem } from './app-error';

/** Problems an answer lists; past this they are only counted (a file of a million bad records answers in kilobytes). */
export const MAX_LISTED_PROBLEMS = 100;

/**
 * The problems found in one input, the first `max` kept with their detail and the rest only
 * counted, so memory stays flat however broken the input is.
 */
export class ProblemList {
  readonly listed: FieldProblem[] = [];
  count = 0;

  constructor(private readonly max = MAX_LISTED_PROBLEMS) {}

  add(problem: FieldProblem): void {
    this.count += 1;
    if (this.listed.length < this.max) this.listed.push(problem);
  }

  /**
   * BAD_USER_INPUT with the listed problems and, last, one more naming `overflowField` that says
   * how many were left out; nothing when there are no problems.
   */
  throwIfAny(overflowField: string): void {
    if (this.count === 0) return;
    const problems = [...this.listed];
    if (this.count > problems.length) {
      problems.push({ field: overflowField, reason: `... ${this.count - problems.length} more problems not listed` });
    }
    throw new BadUserInputError(problems);
  }
}
