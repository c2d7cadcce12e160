import type { Database } from '../db';
import type { Tlp } from '../model/vocabulary';
import { AppError, ErrorCode, NotFoundError } from '../errors';
import { checkWebhookUrl } from './webhook-address';
import { newWebhookId } from './webhook-id';
import type { WebhookInput } from './webhook.input';
import { WebhookRepository } from './webhook.repository';
import type { WebhookSettings } from './webhook-settings';
import { newWebhookSecret } from './webhook-signature';
import type { Webhook, WebhookWithSecret } from './webhook.type';

/**
 * Webhook administration (docs/webhooks.md), one use case per mutation, each one write
 * transaction. The admin role is checked at the root field (src/auth/authorization.ts).
 */
export class WebhookService {
  readonly repository: WebhookRepository;

  constructor(
    db: Database,
    private readonly settings: WebhookSettings,
  ) {
    this.repository = new WebhookRepository(db);
  }

  /**
   * Registers a URL (checked: http(s), public addresses unless allowed) at the feed's head, with
   * the caller's clearance: deliveries carry only what the caller could read.
   */
  async register(input: WebhookInput, caller: { name: string; clearance: Tlp }): Promise<WebhookWithSecret> {
    const url = await checkWebhookUrl(input.url, this.settings);
    const secret = newWebhookSecret();
    const filter = input.filter ?? {};
    const webhook = await this.repository.register(
      {
        id: newWebhookId(),
        url: url.href,
        description: input.description ?? null,
        kinds: filter.kinds ?? null,
        types: filter.types ?? null,
        entityIds: filter.entityIds ?? null,
        secret,
        owner: caller.name,
        clearance: caller.clearance,
      },
      this.settings.maxWebhooks,
    );
    if (!webhook) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `${this.settings.maxWebhooks} webhooks are registered already (WEBHOOK_MAX_COUNT): delete one first`,
        { field: 'webhook' },
      );
    }
    return { webhook, secret };
  }

  list(): Promise<Webhook[]> {
    return this.repository.list(this.settings.maxWebhooks);
  }

  async get(id: string): Promise<Webhook> {
    return found(await this.repository.byId(id), id);
  }

  async setEnabled(id: string, enabled: boolean): Promise<Webhook> {
    return found(await this.repository.setEnabled(id, enabled), id);
  }

  /** A new secret, signing every attempt from now on (retries of older deliveries too). */
  async rotateSecret(id: string): Promise<WebhookWithSecret> {
    const secret = newWebhookSecret();
    return { webhook: found(await this.repository.rotateSecret(id, secret), id), secret };
  }

  async delete(id: string): Promise<boolean> {
    if (!(await this.repository.delete(id))) throw new NotFoundError('Webhook', id, 'id');
    return true;
  }
}

function found(webhook: Webhook | null, id: string): Webhook {
  if (!webhook) throw new NotFoundError('Webhook', id, 'id');
  return webhook;
}
