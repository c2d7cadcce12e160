import { IsBoolean, IsObject, IsOptional } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class ImportStixArgs {
  @Field(() => GraphQLJSONObject, {
    description:
      'A STIX 2.1 bundle ({"type": "bundle", "objects": [...]}), e.g. from OpenCTI, MISP or /export/stix.json; at most 10,000 objects and 4.5 MB (larger: npm run import -- --format stix)',
  })
  @IsObject()
  bundle!: Record<string, unknown>;

  @Field({ defaultValue: false, description: 'Validate and count, then roll back: nothing is written' })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;

  @Field({
    defaultValue: false,
    description:
      'Let the bundle change entities and relationships the graph already holds (same graph id, other content). Without it such a bundle is refused and nothing is written: a STIX bundle is untrusted, whoever it says made it',
  })
  @IsOptional()
  @IsBoolean()
  updateExisting: boolean = false;
}
