import type { Params } from './database';

/**
 * Collects a list filter's WHERE fragments and their parameters. Fragments are constants written
 * in repositories; only `params` carry what the client sent.
 */
export class FilterClauses {
  readonly where: string[] = [];
  readonly params: Params = {};

  /** Adds `fragment` with `params` when `value` is given (non-empty for lists). */
  when(value: unknown, fragment: string, params: Params): this {
    const given = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== '';
    if (given) {
      this.where.push(fragment);
      Object.assign(this.params, params);
    }
    return this;
  }
}
