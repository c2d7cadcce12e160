import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Why and when something was retracted: it stays in the graph and its history, hidden from reads',
})
export class Retraction {
  @Field()
  reason!: string;

  @Field({ description: 'ISO date-time' })
  at!: string;

  @Field({ description: 'Who retracted it' })
  by!: string;

  static of(props: Record<string, unknown>): Retraction | null {
    if (!props.retracted) return null;
    return {
      reason: String(props.retractedReason ?? ''),
      at: String(props.retractedAt ?? ''),
      by: String(props.retractedBy ?? ''),
    };
  }
}
