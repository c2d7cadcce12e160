import { IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsEntityId } from '../model/validators';

/** The longest slice `text(start, end)` returns: a reader pages through a long document. */
export const MAX_TEXT_SLICE = 100_000;
export const MAX_DOCUMENT_HITS = 20;
export const MAX_MENTIONS = 100;
/** Past this many hits a search is narrowed, not paged further (offset paging over the index). */
export const MAX_SEARCH_OFFSET = 500;

@ArgsType()
export class DocumentArgs {
  @Field(() => ID)
  @IsEntityId()
  id!: string;
}

@ArgsType()
export class TextSliceArgs {
  @Field(() => Int, { defaultValue: 0, description: 'First offset (UTF-16 units)' })
  @Min(0)
  start: number = 0;

  @Field(() => Int, {
    nullable: true,
    description: `Offset past the last character; at most start + ${MAX_TEXT_SLICE}, the end of the text by default`,
  })
  @IsOptional()
  @Min(0)
  end?: number | null;
}

@ArgsType()
export class SearchDocumentsArgs {
  @Field({ description: 'Words to find in document texts, any case or accents: "blockade Kayes"' })
  @IsString()
  @Length(1, 200)
  query!: string;

  @Field(() => Int, { defaultValue: 10, description: `Hits per page, 1-${MAX_DOCUMENT_HITS}` })
  @Min(1)
  @Max(MAX_DOCUMENT_HITS)
  first: number = 10;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  after?: string | null;
}

@ArgsType()
export class MentionsArgs {
  @Field(() => ID, { description: 'The entity whose name and aliases are looked for' })
  @IsEntityId()
  entityId!: string;

  @Field(() => Int, { defaultValue: 20, description: `How many mentions, 1-${MAX_MENTIONS}` })
  @Min(1)
  @Max(MAX_MENTIONS)
  first: number = 20;
}
