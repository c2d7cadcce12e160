import { backoffMs } from '../../src/webhooks/webhook-dispatcher';
import { checkWebhookUrl, isPrivateAddress } from '../../src/webhooks/webhook-address';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../src/webhooks/webhook-settings';
import { deliveryBody } from '../../src/webhooks/webhook-payload';
import { ChangeKind } from '../../src/changes/change-kind';

/** Where a webhook may point (docs/webhooks.md), and how long a retry waits. No network, no Neo4j. */
describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.0.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    'not-an-address',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it('refuses a private literal naming url, and accepts it when allowed or allow-listed', async () => {
    await expect(checkWebhookUrl('http://[::ffff:7f00:1]:8080/x', DEFAULT_WEBHOOK_SETTINGS)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'url' },
    });
    const allowed = { ...DEFAULT_WEBHOOK_SETTINGS, allowPrivate: true };
    expect((await checkWebhookUrl('http://127.0.0.1:8080/x', allowed)).port).toBe('8080');
    const listed = { ...DEFAULT_WEBHOOK_SETTINGS, allowedHosts: ['::1'] };
    expect((await checkWebhookUrl('http://[::1]/x', listed)).hostname).toBe('[::1]');
    await expect(checkWebhookUrl('http://user:pw@93.184.216.34/x', allowed)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'url' },
    });
    await expect(checkWebhookUrl('file:///etc/passwd', allowed)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'url' },
    });
  });

  it('waits about twice as long for each retry, with jitter, up to the cap', () => {
    const settings = { backoffBaseMs: 1_000, backoffMaxMs: 10_000 };
    for (let i = 0; i < 50; i += 1) {
      expect(backoffMs(1, settings)).toBeGreaterThanOrEqual(500);
      expect(backoffMs(1, settings)).toBeLessThanOrEqual(1_000);
      expect(backoffMs(3, settings)).toBeGreaterThanOrEqual(2_000);
      expect(backoffMs(3, settings)).toBeLessThanOrEqual(4_000);
      expect(backoffMs(40, settings)).toBeLessThanOrEqual(10_000);
    }
    const spread = new Set(Array.from({ length: 20 }, () => backoffMs(5, settings)));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('sends a change too large for the cap without before and after', () => {
    const change = {
      cursor: 'c',
      sequence: 7,
      at: '2026-12-07T00:00:00Z',
      who: 'analyst',
      operation: 'upsertActor',
      kind: ChangeKind.UPDATED,
      targetId: 'jnim',
      targetType: 'Actor',
      changedFields: ['description'],
      before: { description: 'x'.repeat(5_000) },
      after: { description: 'y'.repeat(5_000) },
      retracted: false,
      importRun: null,
    };
    expect(JSON.parse(deliveryBody(change, 100_000))).toMatchObject({ type: 'change.updated', data: { sequence: 7 } });
    const small = JSON.parse(deliveryBody(change, 2_000));
    expect(small.data).toMatchObject({ before: null, after: null, truncated: true, sequence: 7 });
  });
});
