import { IsOptional, IsString, Length } from 'class-validator';
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
}

/** The clause and parameter for `text`, shared by every kind's repository. */
export function textClause(filter: EntityFilterInput | null | undefined, clause: string): { where: string[]; params: Params } {
  return filter?.text ? { where: [clause], params: { text: filter.text } } : { where: [], params: {} };
}
