import { IsBoolean, IsEnum, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DeliveryStatus } from './delivery-status';
import { WEBHOOK_ID_PATTERN } from './webhook-id';

export const DEFAULT_DELIVERIES_PAGE = 20;
export const MAX_DELIVERIES_PAGE = 100;

@ArgsType()
export class WebhookIdArgs {
  @Field(() => ID)
  @IsString()
  @Matches(WEBHOOK_ID_PATTERN, { message: 'is not a webhook id (wh_ and 24 hex digits)' })
  id!: string;
}

@ArgsType()
export class WebhookEnabledArgs extends WebhookIdArgs {
  @Field({
    description:
      'false: send nothing and hold its place in the feed; true: resume from there (what was committed meanwhile is sent)',
  })
  @IsBoolean()
  enabled!: boolean;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_DELIVERIES_PAGE,
    description: `The newest deliveries first, 1-${MAX_DELIVERIES_PAGE}`,
  })
  @Min(1)
  @Max(MAX_DELIVERIES_PAGE)
  first: number = DEFAULT_DELIVERIES_PAGE;

  @Field(() => DeliveryStatus, { nullable: true, description: 'Only deliveries in this state' })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus | null;
}
