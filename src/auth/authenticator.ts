import { createHash, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { clearanceOf, type Config } from '../config';
import type { Tlp } from '../model/vocabulary';
import { AppError, ErrorCode } from '../errors';
import { highestRole, type Identity } from './identity';
import type { Role } from './role';

/** How far a token's iat may run ahead of this server's clock. */
const CLOCK_SKEW_SECONDS = 60;

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
        return {
          name: `key:${entry.name}`,
          role: entry.role,
          via: 'api-key',
          clearance: entry.clearance ?? this.config.clearance.byRole[entry.role],
        };
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
    this.checkTimes(claims);
    const rolesClaim = claims[this.config.rolesClaim];
    const role = highestRole(rolesClaim);
    if (!role)
      throw new UnauthenticatedError(
        typeof rolesClaim === 'string' && /[\s,]/.test(rolesClaim.trim())
          ? `Token claim "${this.config.rolesClaim}" must be one role or an array of roles, not "${rolesClaim.slice(0, 40)}"`
          : `Token has no known role in "${this.config.rolesClaim}" (reader, editor or admin)`,
      );
    return { name: `jwt:${claims.sub ?? 'unknown'}`, role, via: 'jwt', clearance: this.tokenClearance(claims, role) };
  }

  /**
   * A token must expire (exp, a number), within the configured lifetime of when it was issued
   * (iat, or now without one): `exp: 1e300` is a password that never changes. An iat in the
   * future or a malformed nbf/iat is refused too (jsonwebtoken checks nbf's time itself).
   */
  private checkTimes(claims: jwt.JwtPayload): void {
    const now = Math.floor(Date.now() / 1000);
    const { exp, iat, nbf } = claims;
    if (typeof exp !== 'number' || !Number.isFinite(exp))
      throw new UnauthenticatedError('Invalid token: it must expire (exp claim, a number)');
    for (const [claim, value] of [
      ['iat', iat],
      ['nbf', nbf],
    ] as const) {
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value)))
        throw new UnauthenticatedError(`Invalid token: ${claim} must be a number`);
    }
    if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS)
      throw new UnauthenticatedError('Invalid token: issued in the future (iat)');
    const issued = Math.min(iat ?? now, now);
    if (exp - issued > this.config.maxTokenLifetimeSeconds)
      throw new UnauthenticatedError(
        `Invalid token: exp lies more than ${this.config.maxTokenLifetimeSeconds} s past its issue time`,
      );
  }

  /** The token's own clearance claim when it has one (a TLP level, else refused), else the role's. */
  private tokenClearance(claims: jwt.JwtPayload, role: Role): Tlp {
    const claim = claims[this.config.clearanceClaim];
    if (claim === undefined) return this.config.clearance.byRole[role];
    const clearance = typeof claim === 'string' ? clearanceOf(claim) : undefined;
    if (!clearance)
      throw new UnauthenticatedError(
        `Token claim "${this.config.clearanceClaim}" must be a TLP level (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)`,
      );
    return clearance;
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
