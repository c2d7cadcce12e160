import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Document } from './document.type';

@ObjectType({ description: 'A document that matches a full-text search, with where it matches' })
export class DocumentHit {
  @Field(() => Document)
  document!: Document;

  @Field(() => Float, { description: 'Relevance (Lucene score): higher is better' })
  score!: number;

  @Field({ description: 'The text around the first exact hit (or the start of the text when the hit was fuzzy)' })
  snippet!: string;

  @Field(() => Int, { description: 'Offset of the snippet in the document text' })
  snippetStart!: number;

  @Field(() => Int, { nullable: true, description: 'Offset of the hit in the document text; null for a fuzzy hit' })
  start!: number | null;

  @Field(() => Int, { nullable: true, description: 'Offset just past the hit' })
  end!: number | null;
}

@ObjectType({ description: 'A page of search hits' })
export class DocumentHitPage {
  @Field(() => [DocumentHit])
  hits!: DocumentHit[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  endCursor!: string | null;
}
