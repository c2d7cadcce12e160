import type { Response } from 'express';
import { ErrorCode } from '../errors';

/**
 * An error answered before (or beside) GraphQL, in GraphQL's response shape, so a client reads
 * every refusal the same way: `errors[0].extensions.code`.
 */
export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  // A refusal is never cached, even on a route whose answers are public (public-cache.ts).
  res.removeHeader('Vary');
  res
    .status(status)
    .set('Cache-Control', 'private, no-store')
    .json({ errors: [{ message, extensions: { ...extensions, code } }] });
}
