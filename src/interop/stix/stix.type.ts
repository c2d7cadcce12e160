import { Field, Int, ObjectType } from 'type-graphql';
import { ImportResult } from '../../curation/curation.type';

@ObjectType({ description: 'STIX objects the model has no place for, left out of an import' })
export class SkippedStixObjects {
  @Field({ description: 'The object type, or why it was left out' })
  reason!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'What a STIX import wrote, and what it left out' })
export class StixImportResult extends ImportResult {
  @Field(() => [SkippedStixObjects])
  skipped!: SkippedStixObjects[];
}
