import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type';
import { ChangeKind } from './change-kind';

registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What a change records (docs/changes.md)',
  valuesConfig: {
    MERGED: { description: 'The entity that stays in a merge' },
    MERGED_INTO: { description: 'A duplicate merged away (now retracted, pointing at the one that stays)' },
    REVIEWED: { description: "A curator's review of a document's proposals" },
    IMPORT_COMMITTED: { description: 'An import run completed' },
    IMPORT_ROLLED_BACK: { description: 'An import run was undone: re-read what it touched' },
    ALERT: { description: "One of your watches' answers changed (docs/watchlists.md): yours only, never another's" },
  },
});

@ObjectType({ description: 'One committed write, in commit order: who, when, what changed (docs/changes.md)' })
export class ChangeEvent {
  @Field({ description: 'Resume after this change: pass it as `after`' })
  cursor!: string;

  @Field(() => Float, {
    description: 'Its place in commit order: strictly increasing, never reused (a rolled-back run may leave gaps)',
  })
  sequence!: number;

  @Field({ description: 'ISO date-time of the write' })
  at!: string;

  @Field({ description: 'The identity that wrote it ("system" for the seed)' })
  who!: string;

  @Field({ description: 'The operation: a mutation name, importBundle, reviewProposals, import, seed' })
  operation!: string;

  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => ID, { description: 'The entity, relationship ("MEMBER_OF:mali->aes"), document or import run changed' })
  targetId!: string;

  @Field({ description: 'Its label (Actor, Source ...), relationship type, Document or ImportRun' })
  targetType!: string;

  @Field(() => [String], { description: 'Stored properties the write set or altered, as the history keeps them' })
  changedFields!: string[];

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The changed fields before, in the bundle format: from the previous recorded write of the same record (UPDATED), {retracted: false} (RETRACTED); null when there was none (CREATED)',
  })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The changed fields after, in the bundle format (the whole record when CREATED); for a merge, review or import run what it did',
  })
  after!: Record<string, unknown> | null;

  @Field({ description: 'Whether the record is retracted now (reads hide it unless asked)' })
  retracted!: boolean;

  @Field(() => String, { nullable: true, description: 'The import run that wrote it (`npm run import`), if any' })
  importRun!: string | null;
}

@ObjectType('ChangeEventEdge')
export class ChangeEventEdge {
  @Field()
  cursor!: string;

  @Field(() => ChangeEvent)
  node!: ChangeEvent;
}

@ObjectType({
  description:
    'A page of the change feed. pageInfo.endCursor is where to resume, never null: past every change this page read, even those the filters or your clearance left out, so a sync loop always moves forward',
})
export class ChangeFeed {
  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [ChangeEventEdge])
  edges!: ChangeEventEdge[];

  @Field(() => [ChangeEvent], { description: 'The changes of this page, in commit order' })
  nodes!: ChangeEvent[];
}
