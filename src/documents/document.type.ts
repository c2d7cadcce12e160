import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PartialDateType } from '../common/partial-date.type';
import { Reliability, SourceKind, Tlp } from '../model/vocabulary';
import { DocumentFormat } from './readers/document-format';

registerEnumType(DocumentFormat, { name: 'DocumentFormat', description: 'What a document was read from' });

/**
 * A document: a Source whose full text the service keeps (docs/documents.md). Offsets (`start`,
 * `end`) everywhere are UTF-16 indexes into that text, which never changes once ingested.
 */
@ObjectType({ description: 'A report kept whole: a Source with its text, in a stable offset space' })
export class Document {
  @Field({ description: 'The id of its Source' })
  id!: string;

  @Field()
  title!: string;

  @Field(() => SourceKind)
  kind!: SourceKind;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => PartialDateType, { nullable: true, description: 'Null when undated' })
  published!: PartialDateType | null;

  @Field({ description: 'True when the ingest said the document states no date' })
  undated!: boolean;

  @Field(() => String, { nullable: true, description: 'Language code, e.g. en, fr' })
  language!: string | null;

  @Field(() => Reliability, { description: 'NATO/Admiralty grade A-F of the source' })
  reliability!: Reliability;

  @Field(() => Tlp, { description: 'Its TLP level: its text, snippets and mentions are seen only at this clearance' })
  tlp!: Tlp;

  @Field(() => DocumentFormat)
  format!: DocumentFormat;

  @Field(() => Int, { description: 'Length of the text in UTF-16 units: offsets run from 0 to this' })
  length!: number;

  @Field({ description: 'sha256 (hex) of the normalised text: the same text is one document' })
  contentHash!: string;

  @Field({ description: 'When it was ingested (ISO 8601)' })
  ingestedAt!: string;

  @Field({ description: 'True when this ingest found the same text already held, and wrote nothing' })
  duplicate!: boolean;
}
