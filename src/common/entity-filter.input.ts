import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

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
