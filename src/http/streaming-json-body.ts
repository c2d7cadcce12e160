import type { Request, RequestHandler } from 'express';
import Parser from 'stream-json/Parser';
import { JsonAssembler } from '../common/json-assembler';

/**
 * JSON request bodies parsed as they arrive, a few milliseconds of work at a time, for the large
 * bodies admins send (importBundle, importStix, importAcled: up to MAX_ADMIN_BODY_BYTES).
 * express.json parses a body in one JSON.parse call once it has all of it: 21-190 ms of a held
 * event loop for 3.5-5 MB on this machine, during which /healthz and every other request wait.
 * Here stream-json's tokenizer takes the body a socket read at a time and gives the event loop a
 * turn whenever it has worked TURN_MS, so other requests are answered while a large body is read.
 * It costs more CPU in all (about five times JSON.parse), so small bodies keep express.json.
 *
 * The answer is what JSON.parse would give ("__proto__" an own key: common/json-assembler.ts).
 * Errors carry the status and type express's body parser uses (413 `entity.too.large`, 400
 * `entity.parse.failed`), so server.ts's body error handler answers them the same way.
 */

/** Bodies larger than this (or of unknown length) are parsed as they arrive. */
export const STREAMING_THRESHOLD_BYTES = 256 * 1024;
/** Longest the parser works before it lets other requests in. */
const TURN_MS = 8;

/** Whether `req` should be parsed here rather than by express.json. */
export function wantsStreaming(req: Request): boolean {
  if (!req.is('application/json')) return false;
  // A compressed body goes to express.json, which inflates it (within the same limit).
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return false;
  const length = req.headers['content-length'];
  return length === undefined || Number(length) > STREAMING_THRESHOLD_BYTES;
}

/** A JSON body parser for bodies up to `limit` bytes that never holds the event loop for long. */
export function streamingJsonBody(limit: number): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      // Not read: the connection is closed after the answer, as express.json does.
      next(bodyError(413, 'entity.too.large', `request entity too large (${declared} > ${limit} bytes)`));
      return;
    }
    parseBody(req, limit).then((body) => {
      req.body = body;
      next();
    }, next);
  };
}

/**
 * Feeds the body to the tokenizer as it arrives, pausing the request for a turn of the event loop
 * whenever the work since the last turn reaches TURN_MS. Events rather than `for await`: leaving
 * an async iteration early destroys the request, and the client would get a reset, not the 413.
 */
function parseBody(req: Request, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const parser = new Parser();
    const assembler = new JsonAssembler();
    let bytes = 0;
    let first: string | undefined;
    let worked = performance.now();
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      // Read the rest and drop it, so the answer can be sent on an intact connection.
      req.resume();
      parser.destroy();
      reject(error);
    };
    const onData = (chunk: string) => {
      bytes += Buffer.byteLength(chunk);
      if (bytes > limit) {
        fail(bodyError(413, 'entity.too.large', `request entity too large (more than ${limit} bytes)`));
        return;
      }
      first ??= chunk.trimStart()[0];
      parser.write(chunk);
      if (performance.now() - worked < TURN_MS) return;
      req.pause();
      setImmediate(() => {
        worked = performance.now();
        if (!settled) req.resume();
      });
    };
    parser.on('data', (token: { name: string; value?: string }) => assembler.consume(token));
    parser.once('error', (error: Error) => fail(bodyError(400, 'entity.parse.failed', error.message)));
    parser.once('end', () => {
      if (settled) return;
      settled = true;
      if (assembler.done) resolve(assembler.current as unknown);
      else reject(bodyError(400, 'entity.parse.failed', 'JSON body ended early'));
    });
    req.setEncoding('utf8');
    req.on('data', onData);
    req.once('error', fail);
    req.once('end', () => {
      if (settled) return;
      // express.json's strict mode: an empty body is {}, anything else an object or an array.
      if (first === undefined) {
        settled = true;
        resolve({});
      } else if (first !== '{' && first !== '[')
        fail(bodyError(400, 'entity.parse.failed', 'JSON body must be an object or an array'));
      else parser.end();
    });
  });
}

function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}
