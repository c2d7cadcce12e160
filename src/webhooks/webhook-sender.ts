import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, privateAllowed } from './webhook-address';
import { MAX_RESPONSE_BYTES, type WebhookSettings } from './webhook-settings';

export interface SendResult {
  /** The receiver answered 2xx. */
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * The connection's own DNS lookup, checking every address again (a name registered while it
 * resolved to a public address may resolve to a private one later: DNS rebinding).
 */
function guardedLookup(settings: WebhookSettings): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, found) => {
      const addresses = found as unknown as LookupAddress[];
      if (error) return callback(error, '', 0);
      const internal = privateAllowed(hostname, settings)
        ? undefined
        : addresses.find((a) => isPrivateAddress(a.address));
      if (internal) return callback(new Error(`resolves to private address ${internal.address}`), '', 0);
      if ((options as LookupOptions).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * One POST, bounded: WEBHOOK_TIMEOUT_MS for the whole exchange, no redirect followed (a 3xx is a
 * failed attempt), at most MAX_RESPONSE_BYTES of the answer read (and not used), a fresh
 * connection each time (no pooled sockets to hold at shutdown).
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  settings: WebhookSettings,
): Promise<SendResult> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) && isPrivateAddress(host) && !privateAllowed(target.hostname, settings)) {
    return Promise.resolve({ ok: false, statusCode: null, error: `private address ${host} refused` });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(settings),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'sahel-graph-webhooks',
        },
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        const done = () => finish(outcome(statusCode));
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(
      () => finish({ ok: false, statusCode: null, error: `no answer within ${settings.timeoutMs} ms` }),
      settings.timeoutMs,
    );
    request.on('error', (error) => finish({ ok: false, statusCode: null, error: error.message.slice(0, 200) }));
    request.end(body);
  });
}

function outcome(statusCode: number): SendResult {
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode, error: null };
  if (statusCode >= 300 && statusCode < 400) return { ok: false, statusCode, error: 'redirect not followed' };
  return { ok: false, statusCode, error: `HTTP ${statusCode}` };
}
