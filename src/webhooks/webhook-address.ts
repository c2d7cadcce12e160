import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { BadUserInputError } from '../errors';
import { MAX_WEBHOOK_URL_LENGTH, type WebhookSettings } from './webhook-settings';

/**
 * Where a webhook may point (docs/webhooks.md): http or https only, and by default no address
 * inside the service's own networks (a webhook is a request the server makes on an admin's say:
 * it must not reach the metadata service, Neo4j or a router's admin page). Every address the
 * host resolves to is checked, at registration and again when each POST connects (the sender's
 * lookup), so a name that later resolves somewhere private is refused too.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: may embed any IPv4 address, private ones included
  ['64:ff9b:1::', 48],
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/**
 * True for an address inside a private, loopback, link-local or otherwise internal range.
 * IPv4-mapped IPv6 addresses (::ffff:127.0.0.1, ::ffff:7f00:1) are judged as the IPv4 address
 * they carry (BlockList does that for the IPv4 rules); anything that is not an address is private.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** `[::1]` -> `::1`: URL keeps IPv6 literals in brackets. */
const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

export function privateAllowed(hostname: string, settings: WebhookSettings): boolean {
  return settings.allowPrivate || settings.allowedHosts.includes(bareHost(hostname));
}

/** How long the registration's DNS lookup may take. */
const LOOKUP_TIMEOUT_MS = 5_000;

/**
 * The URL, parsed, or BAD_USER_INPUT naming `field`: http(s), no credentials in it, at most
 * MAX_WEBHOOK_URL_LENGTH characters, and (unless allowed) a host whose every address is public.
 */
export async function checkWebhookUrl(text: string, settings: WebhookSettings, field = 'url'): Promise<URL> {
  const refuse = (reason: string) => BadUserInputError.field(field, reason);
  if (text.length > MAX_WEBHOOK_URL_LENGTH) throw refuse(`is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('is not a URL such as https://hooks.example.org/sahel');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('must be an http or https URL');
  if (url.username || url.password) throw refuse('must not carry credentials (the signature authenticates)');
  if (privateAllowed(url.hostname, settings)) return url;
  const host = bareHost(url.hostname);
  const addresses = isIP(host) ? [host] : await resolveAll(host, refuse);
  const internal = addresses.find(isPrivateAddress);
  if (internal !== undefined) {
    throw refuse(
      `resolves to ${internal}, a private, loopback or link-local address (WEBHOOK_ALLOW_PRIVATE or WEBHOOK_ALLOWED_HOSTS allows it)`,
    );
  }
  return url;
}

async function resolveAll(host: string, refuse: (reason: string) => BadUserInputError): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(refuse(`host did not resolve within ${LOOKUP_TIMEOUT_MS} ms`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    if (found.length === 0) throw refuse('host resolves to no address');
    return found.map((entry) => entry.address);
  } catch (error) {
    if (error instanceof BadUserInputError) throw error;
    throw refuse('host does not resolve');
  } finally {
    clearTimeout(timer);
  }
}
