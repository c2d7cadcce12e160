import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError, ErrorCode } from '../errors';
import type { RequestContext } from '../graphql/context';
import { WebhookInput } from './webhook.input';
import { WebhookDeliveriesArgs, WebhookEnabledArgs, WebhookIdArgs } from './webhooks.args';
import { Webhook, WebhookDelivery, WebhookWithSecret } from './webhook.type';

/** Webhooks (docs/webhooks.md): admin only (src/auth/authorization.ts), thin over WebhookService. */
@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: 'Every registered webhook (admin; docs/webhooks.md)' })
  webhooks(@Ctx() ctx: RequestContext): Promise<Webhook[]> {
    return ctx.webhooks.list();
  }

  @Query(() => Webhook, { description: 'One webhook and its recent deliveries (admin); NOT_FOUND for an unknown id' })
  webhook(@Args() { id }: WebhookIdArgs, @Ctx() ctx: RequestContext): Promise<Webhook> {
    return ctx.webhooks.get(id);
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: 'Its outbox, newest first: status, attempts, the last answer, the next attempt',
  })
  deliveries(
    @Root() webhook: Webhook,
    @Args() { first, status }: WebhookDeliveriesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookDelivery[]> {
    return ctx.webhooks.repository.deliveries(webhook.id, first, status ?? null);
  }

  @Mutation(() => WebhookWithSecret, {
    description:
      'Registers a URL that receives the change feed as signed POSTs from now on (admin). The secret is shown only here. Private addresses are refused unless allowed (docs/webhooks.md)',
  })
  registerWebhook(@Arg('webhook') input: WebhookInput, @Ctx() ctx: RequestContext): Promise<WebhookWithSecret> {
    if (!ctx.auth) throw new AppError(ErrorCode.UNAUTHENTICATED, 'registerWebhook needs an admin');
    return ctx.webhooks.register(input, ctx.auth);
  }

  @Mutation(() => Webhook, { description: 'Stops (false) or resumes (true) a webhook (admin)' })
  setWebhookEnabled(@Args() { id, enabled }: WebhookEnabledArgs, @Ctx() ctx: RequestContext): Promise<Webhook> {
    return ctx.webhooks.setEnabled(id, enabled);
  }

  @Mutation(() => WebhookWithSecret, {
    description: 'A new signing secret, used from the next attempt on; shown only here (admin)',
  })
  rotateWebhookSecret(@Args() { id }: WebhookIdArgs, @Ctx() ctx: RequestContext): Promise<WebhookWithSecret> {
    return ctx.webhooks.rotateSecret(id);
  }

  @Mutation(() => Boolean, { description: 'Deletes a webhook and its outbox (admin)' })
  deleteWebhook(@Args() { id }: WebhookIdArgs, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.webhooks.delete(id);
  }
}
