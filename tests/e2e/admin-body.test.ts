import { request } from 'node:http';
import type { Database } from '../../src/db';
import { syntheticStixBundle } from '../../tools/synthetic-stix';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { gql } from '../support/http';

/**
 * An admin's large request body (importStix, importBundle, importAcled), over real HTTP: answered
 * as before, /healthz answered meanwhile (measured against the same checks with nothing
 * importing, issue 19 item 4), and refused with 413 naming `body` past the admin limit, even
 * without a content-length.
 */

/**
 * POSTs `chunks` with chunked transfer encoding (no content-length), as a client streaming its
 * body would. A server may answer (413) before the body is sent: the answer counts, not the reset
 * of the rest of the upload.
 */
function postChunked(
  url: string,
  chunks: string[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const send = async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) await new Promise((drained) => req.once('drain', drained));
      }
      req.end();
    };
    void send();
  });
}

describe("an admin's large request body", () => {
  describe('the service', () => {
    let db: Database;
    let app: Awaited<ReturnType<typeof startTestApp>>;
    beforeAll(async () => {
      db = await seededDatabase();
      app = await startTestApp(db);
    });
    afterAll(async () => {
      await app.stop();
      await db.close();
    });

    it("answers an admin's 3.5 MB importStix as it answers the same bundle parsed whole, and /healthz meanwhile", async () => {
      const stix = syntheticStixBundle(10_000, 'streamed-body');
      const mutation =
        'mutation($b: JSONObject!) { importStix(bundle: $b, dryRun: true) { dryRun nodes { created } relationships { created } } }';
      const body = JSON.stringify({ query: mutation, variables: { b: stix } });
      expect(body.length).toBeGreaterThan(3_000_000);
      const check = async (into: number[]) => {
        const started = performance.now();
        const answer = await fetch(`${app.base}/healthz`);
        await answer.arrayBuffer();
        expect(answer.status).toBe(200);
        into.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      };
      // The machine's own noise first (it is shared): the same checks with nothing importing.
      const idle: number[] = [];
      for (let i = 0; i < 200; i++) await check(idle);
      const state = { done: false };
      const health: number[] = [];
      const importing = fetch(`${app.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEYS.admin },
        body,
      }).finally(() => {
        state.done = true;
      });
      while (!state.done) await check(health);
      const result = (await (await importing).json()) as {
        data?: { importStix: { dryRun: boolean; nodes: { created: number }; relationships: { created: number } } };
        errors?: unknown[];
      };
      expect(result.errors).toBeUndefined();
      expect(result.data?.importStix).toEqual({
        dryRun: true,
        nodes: { created: 5_001 },
        relationships: { created: 10_000 },
      });
      const summary = (list: number[]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return `${list.length} checks, median ${sorted[sorted.length >> 1].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms, over 100 ms: ${list.filter((ms) => ms > 100).length}`;
      };
      process.stdout.write(
        `/healthz with nothing importing: ${summary(idle)}\n/healthz during a 3.5 MB importStix (dry run): ${summary(health)}\n`,
      );
      expect(health.length).toBeGreaterThan(5);
    }, 300_000);

    it('refuses a body over the admin limit with 413 naming `body`, and takes a reader’s small body as before', async () => {
      const tooLarge = await postChunked(
        `${app.base}/graphql`,
        ['{"query": "{ __typename }", "variables": {"pad": "', 'x'.repeat(6_000_000), '"}}'],
        {
          'x-api-key': TEST_KEYS.admin,
        },
      );
      expect(tooLarge.status).toBe(413);
      expect(JSON.parse(tooLarge.body).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      const small = await gql(`${app.base}/graphql`, '{ __typename }', {}, 20_000, { 'x-api-key': TEST_KEYS.reader });
      expect(small.body.data).toEqual({ __typename: 'Query' });
    });
  });
});
