import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChangeKind } from '../changes/change-kind';
import { DeliveryStatus } from './delivery-status';

registerEnumType(DeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands (docs/webhooks.md)',
});

@ObjectType({ description: 'Which changes a webhook receives: every list optional, all given must match' })
export class WebhookFilter {
  @Field(() => [ChangeKind], { nullable: true })
  kinds!: ChangeKind[] | null;

  @Field(() => [String], { nullable: true })
  types!: string[] | null;

  @Field(() => [ID], { nullable: true })
  entityIds!: string[] | null;
}

@ObjectType({ description: 'One change sent (or to send) to one webhook: a row of the outbox' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The webhook-id header: msg_<webhook>_<sequence>, the same on every retry' })
  id!: string;

  @Field(() => Float, { description: "The change's sequence number in the feed" })
  sequence!: number;

  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => ID)
  targetId!: string;

  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status on the last attempt" })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (timeout, refused, redirect ...)' })
  lastError!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time of the next attempt (pending, retrying)' })
  nextAttemptAt!: string | null;

  @Field({ description: 'ISO date-time it entered the outbox' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time the receiver accepted it' })
  deliveredAt!: string | null;
}

@ObjectType({ description: 'A URL that receives the change feed as signed POSTs (docs/webhooks.md)' })
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => WebhookFilter)
  filter!: WebhookFilter;

  @Field({ description: 'Disabled webhooks keep their place in the feed but send nothing' })
  enabled!: boolean;

  @Field({ description: 'The admin who registered it: deliveries carry only what this identity could read' })
  owner!: string;

  @Field({ description: "The TLP clearance deliveries are read at (the owner's when it was registered)" })
  clearance!: string;

  @Field({ description: 'ISO date-time of registration' })
  createdAt!: string;

  @Field(() => Float, { description: 'The last sequence number of the feed written to its outbox' })
  cursorSequence!: number;
}

@ObjectType({ description: 'A webhook and its signing secret: the only time the secret is shown' })
export class WebhookWithSecret {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field({ description: 'whsec_… (Standard Webhooks): keep it; it is never shown again' })
  secret!: string;
}
