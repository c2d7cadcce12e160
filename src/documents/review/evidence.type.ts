import { Field, Int, ObjectType } from 'type-graphql';
import { Source } from '../../sources/source.type';

@ObjectType({
  description:
    "A source behind a claim with the words that back it; start and end locate them in the source's stored document (null for hand-written records, or when the excerpt no longer matches the text there)",
})
export class Evidence {
  @Field(() => Source) source!: Source;
  @Field() excerpt!: string;
  @Field(() => Int, { nullable: true, description: "Offset of the excerpt in the document's text (UTF-16)" })
  start!: number | null;
  @Field(() => Int, { nullable: true, description: 'Offset just past it' }) end!: number | null;
}
