import { createHash, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import type { Config } from '../config';
import { AppError, ErrorCode } from '../errors';
import { highestRole, type Identity } from './identity';

export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
  }
}

/**
 * The token of an `Authorization: Bearer <token>` header. The scheme is case-insensitive
 * (RFC 9110) and spacing varies, so every spelling of one token yields the same token.
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/**
 * Turns request credentials into an Identity: an API key (`x-api-key`, compared by its SHA-256
 * in constant time) or a bearer JWT (HS256 with JWT_SECRET, or keys from JWT_JWKS_URL), whose
 * roles claim gives the role. No credentials -> null (anonymous); bad credentials -> an error.
 */
export class Authenticator {
  private readonly jwks?: JwksClient;

  constructor(private readonly config: Config['auth']) {
    if (config.jwksUrl) this.jwks = new JwksClient({ jwksUri: config.jwksUrl, cache: true, rateLimit: true });
  }

  async identify(headers: Record<string, string | string[] | undefined>): Promise<Identity | null> {
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey) return this.fromApiKey(apiKey);
    const authorization = headers.authorization;
    if (typeof authorization === 'string' && authorization) {
      const token = bearerToken(authorization);
      if (!token) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
      return this.fromToken(token);
    }
    return null;
  }

  private fromApiKey(key: string): Identity {
    const digest = createHash('sha256').update(key).digest();
    for (const entry of this.config.apiKeys) {
      if (timingSafeEqual(digest, Buffer.from(entry.sha256, 'hex')))
        return { name: `key:${entry.name}`, role: entry.role, via: 'api-key' };
    }
    throw new UnauthenticatedError('Unknown API key');
  }

  private async fromToken(token: string): Promise<Identity> {
    const key = await this.verificationKey(token);
    let claims: jwt.JwtPayload;
    try {
      const verified = jwt.verify(token, key, {
        algorithms: this.config.jwtSecret ? ['HS256'] : ['RS256', 'ES256'],
        issuer: this.config.issuer,
        audience: this.config.audience,
      });
      if (typeof verified === 'string') throw new Error('payload is not an object');
      claims = verified;
    } catch (error) {
      // Say expired or invalid, never why: the expected issuer, audience or algorithm would tell
      // a forger what to put in the next attempt.
      throw new UnauthenticatedError(
        error instanceof jwt.TokenExpiredError ? 'Invalid token: expired' : 'Invalid token',
      );
    }
    // A token without an expiry would be a password that never changes.
    if (typeof claims.exp !== 'number') throw new UnauthenticatedError('Invalid token: it must expire (exp claim)');
    const role = highestRole(claims[this.config.rolesClaim]);
    if (!role)
      throw new UnauthenticatedError(
        `Token has no known role in "${this.config.rolesClaim}" (reader, editor or admin)`,
      );
    return { name: `jwt:${claims.sub ?? 'unknown'}`, role, via: 'jwt' };
  }

  private async verificationKey(token: string): Promise<string> {
    if (this.config.jwtSecret) return this.config.jwtSecret;
    if (!this.jwks)
      throw new UnauthenticatedError('Bearer tokens are not accepted here (no JWT_SECRET or JWT_JWKS_URL)');
    const header = jwt.decode(token, { complete: true })?.header;
    if (!header?.kid) throw new UnauthenticatedError('Invalid token');
    try {
      return (await this.jwks.getSigningKey(header.kid)).getPublicKey();
    } catch {
      throw new UnauthenticatedError('Invalid token');
    }
  }
}
