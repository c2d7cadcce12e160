import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Relay-style paging: pass endCursor as `after` to get the next page' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
