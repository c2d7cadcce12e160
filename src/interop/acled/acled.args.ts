import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { MAX_CREDIBILITY, MIN_CREDIBILITY, Reliability } from '../../model/vocabulary';
import { DEFAULT_ACLED_CREDIBILITY, DEFAULT_OUTLET_RELIABILITY } from './acled.mapping';

/**
 * The mutation writes in ONE transaction, which must fit Neo4j's transaction memory on the
 * default heap: MAX_MUTATION_ROWS (acled.service.ts) rows, and this much text, fit on a 768m heap
 * (5,000 rows did not: docs/imports.md). Larger exports go through the command line, which
 * streams them in many transactions as one import run.
 */
export const MAX_CSV_CHARS = 2_000_000;

@ArgsType()
export class ImportAcledArgs {
  @Field({ description: 'An ACLED CSV export (header row and the codebook columns), as text' })
  @IsString()
  @Length(1, MAX_CSV_CHARS, {
    message: `csv must be 1 to ${MAX_CSV_CHARS} characters: larger ACLED files go through \`npm run import -- --format acled FILE\``,
  })
  csv!: string;

  @Field(() => Int, {
    defaultValue: DEFAULT_ACLED_CREDIBILITY,
    description: 'Information credibility (1-6) of what the file says: events, participants, places',
  })
  @IsInt()
  @Min(MIN_CREDIBILITY)
  @Max(MAX_CREDIBILITY)
  credibility: number = DEFAULT_ACLED_CREDIBILITY;

  @Field(() => Reliability, {
    defaultValue: DEFAULT_OUTLET_RELIABILITY,
    description: 'Reliability (A-F) of the outlets ACLED names in its source column',
  })
  @IsEnum(Reliability)
  reliability: Reliability = DEFAULT_OUTLET_RELIABILITY;

  @Field({ defaultValue: false, description: 'Validate, resolve and count only; write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;
}
