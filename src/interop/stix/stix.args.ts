import { IsBoolean, IsObject, IsOptional } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class ImportStixArgs {
  @Field(() => GraphQLJSONObject, {
    description:
      'A STIX 2.1 bundle ({"type": "bundle", "objects": [...]}), e.g. from OpenCTI, MISP or /export/stix.json',
  })
  @IsObject()
  bundle!: Record<string, unknown>;

  @Field({ defaultValue: false, description: 'Validate and count, then roll back: nothing is written' })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;
}
