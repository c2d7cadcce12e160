import { Field, Int, ObjectType } from 'type-graphql';
import { WriteCounts } from '../../curation/curation.type';

@ObjectType({ description: 'The outcome of importAcled' })
export class AcledImportResult {
  @Field({ description: 'True when nothing was written (validation, resolution and counting only)' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Event rows in the file' })
  events!: number;

  @Field(() => WriteCounts, { description: 'Events, actors created for new ACLED names, places and sources' })
  nodes!: WriteCounts;

  @Field(() => WriteCounts, { description: 'PARTICIPATED_IN, OCCURRED_IN, PART_OF and the REPORTED_BY links' })
  relationships!: WriteCounts;
}
