import type { Tlp } from '../model/vocabulary';
import type { Role } from './role';

/**
 * Who is asking: the name history records, the role that decides what they may do, and the TLP
 * clearance that decides what they may see (docs/security.md).
 */
export interface Identity {
  name: string;
  role: Role;
  via: 'api-key' | 'jwt';
  clearance: Tlp;
}

const RANK: Readonly<Record<Role, number>> = { reader: 1, editor: 2, admin: 3 };

const isRole = (value: unknown): value is Role => value === 'reader' || value === 'editor' || value === 'admin';

/** admin can do what an editor can, an editor what a reader can. */
export function hasRole(identity: Identity | null, needed: Role): boolean {
  return identity !== null && RANK[identity.role] >= RANK[needed];
}

/**
 * The highest role of a roles claim, read strictly: an array of role names or one role name.
 * Anything else (a comma- or space-separated string such as "reader,admin", a number, an
 * object) is not a roles claim: null, never a guess that could upgrade the caller.
 */
export function highestRole(roles: unknown): Role | null {
  const list: unknown[] = Array.isArray(roles) ? roles : typeof roles === 'string' ? [roles] : [];
  const known = list.filter(isRole);
  return known.sort((a, b) => RANK[b] - RANK[a])[0] ?? null;
}

/**
 * The identity the authentication middleware (src/http/authentication.ts) kept for this request,
 * null for an anonymous one. Typed by shape, so this layer needs nothing of express.
 */
export function identityOf(res: { locals: Record<string, unknown> }): Identity | null {
  return (res.locals.identity as Identity | null | undefined) ?? null;
}
