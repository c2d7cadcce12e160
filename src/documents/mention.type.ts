import { Field, Int, ObjectType } from 'type-graphql';
import { Document } from './document.type';

@ObjectType({ description: "Where an entity's name or an alias occurs in a document, with its sentence" })
export class Mention {
  @Field(() => Document)
  document!: Document;

  @Field(() => Int, { description: 'Offset of the name in the document text' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past it' })
  end!: number;

  @Field({ description: 'The words at [start, end) as the document writes them' })
  matched!: string;

  @Field({ description: 'The sentence around it (at most 600 characters)' })
  sentence!: string;

  @Field(() => Int, { description: 'Offset of the sentence in the document text' })
  sentenceStart!: number;
}
