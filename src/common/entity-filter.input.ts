import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { Params } from '../db';

/** What every list filter has: a case-insensitive "contains" over the name and aliases. */
@InputType() // not emitted: only subclasses are reachable from the schema
export class EntityFilterInput {
  @Field(() => String, { nullable: true, description: 'Name or alias contains this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  text?: string | null;

  @Field({ defaultValue: false, description: 'Also list retracted entities (hidden by default)' })
  @IsOptional()
  @IsBoolean()
  includeRetracted: boolean = false;
}

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
