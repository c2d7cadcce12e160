import { Field, ObjectType } from 'type-graphql';
import { PartialDateType } from '../common/partial-date.type';
import { Node } from '../common/node.interface';
import { Entity } from '../entities/entity.interface';
import { Reliability, SourceKind, Tlp } from '../model/vocabulary';

@ObjectType({
  implements: [Node, Entity],
  description: 'Where a claim comes from: an article, a media report, an official statement',
})
export class Source extends Entity {
  @Field({ description: 'Same as name' })
  title!: string;

  @Field(() => SourceKind)
  kind!: SourceKind;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => PartialDateType, { nullable: true })
  published!: PartialDateType | null;

  @Field(() => Reliability, { description: 'NATO/Admiralty grade A-F' })
  reliability!: Reliability;

  @Field({ description: 'The grade in words, e.g. "fairly reliable"' })
  reliabilityMeaning!: string;

  @Field(() => Tlp, { description: 'Traffic Light Protocol 2.0 level; exports at a lower level leave it out' })
  tlp!: Tlp;
}
