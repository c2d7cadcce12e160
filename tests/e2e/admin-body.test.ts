import express from 'express';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../src/db';
import { STREAMING_THRESHOLD_BYTES, streamingJsonBody } from '../../src/http/streaming-json-body';
import { syntheticStixBundle } from '../../tools/synthetic-stix';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { gql } from '../support/http';

/**
 * An admin's large request body (importStix, importBundle, importAcled) is parsed as it arrives
 * (src/http/streaming-json-body.ts), so /healthz and other requests are answered meanwhile
 * (issue 19, item 4). Real HTTP: the parser on its own behind express, then the service.
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

describe('streaming JSON bodies', () => {
  describe('the parser behind express', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      const app = express();
      app.post('/echo', streamingJsonBody(6_000_000), (req, res) => {
        res.json({
          body: req.body as unknown,
          ownProto: Object.keys((req.body as object) ?? {}).includes('__proto__'),
        });
      });
      app.use(
        (
          error: { status?: number; type?: string },
          _req: express.Request,
          res: express.Response,
          _next: express.NextFunction,
        ) => {
          res.status(error.status ?? 500).json({ type: error.type });
        },
      );
      server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('gives the event loop turns while it parses a 5 MB body, and reads it as JSON.parse does', async () => {
      const value = { objects: syntheticStixBundle(14_000, 'echo').objects, note: 'é ✓ 𝄞' };
      const text = JSON.stringify(value).replace('"note"', '"__proto__":{"x":1},"note"');
      expect(text.length).toBeGreaterThan(4_500_000);
      // A timer that can only run when the event loop is free: how often it ran while the body was parsed.
      let turns = 0;
      let longest = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        turns += 1;
      }, 1);
      // Split inside multi-byte characters too: the parser must see whole characters.
      const bytes = Buffer.from(text);
      const chunks: string[] = [];
      for (let at = 0; at < bytes.length; at += 65_537) chunks.push(bytes.subarray(at, at + 65_537).toString('latin1'));
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (chunk: Buffer) => parts.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        });
        req.on('error', reject);
        for (const chunk of chunks) req.write(Buffer.from(chunk, 'latin1'));
        req.end();
      });
      clearInterval(ticker);
      expect(answer.status).toBe(200);
      const echoed = JSON.parse(answer.body) as { body: unknown; ownProto: boolean };
      expect(echoed.body).toEqual(JSON.parse(text));
      expect(echoed.ownProto).toBe(true);
      process.stdout.write(
        `streamed parse of ${text.length} bytes: the event loop ran ${turns} timer turns, longest gap ${longest.toFixed(1)} ms\n`,
      );
      // JSON.parse of the same text holds the loop for all of it: no turn in between.
      expect(turns).toBeGreaterThan(20);
    }, 120_000);

    it('answers 413 past the limit without a content-length, 400 for text that is not JSON, {} for an empty body', async () => {
      const big = Array.from({ length: 100 }, () => `"${'x'.repeat(70_000)}",`);
      expect((await postChunked(url, ['[', ...big, '1]'])).status).toBe(413);
      const broken = await postChunked(url, ['{"a": ', 'tru']);
      expect(broken).toMatchObject({ status: 400 });
      expect(JSON.parse(broken.body)).toEqual({ type: 'entity.parse.failed' });
      expect((await postChunked(url, ['"just a string"'])).status).toBe(400);
      const empty = await postChunked(url, []);
      expect(JSON.parse(empty.body)).toMatchObject({ body: {} });
    });
  });

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
      expect(body.length).toBeGreaterThan(STREAMING_THRESHOLD_BYTES);
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
