import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Relay-style paging (forward only): pass endCursor as `after` to get the next page. hasPreviousPage is true when `after` was given, as the Relay cursor spec allows for forward-only paging: the page follows another one',
})
export class PageInfo {
  @Field({ description: 'Whether more items follow this page' })
  hasNextPage!: boolean;

  @Field({
    description:
      'True when the page was asked with `after` (it follows an earlier page); false on the first page. Paging is forward only: there is no `before`',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first item of this page; null when empty' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last item of this page, the `after` of the next page; null when empty',
  })
  endCursor!: string | null;
}
