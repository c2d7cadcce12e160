import type { Role } from './role';

/** Who is asking: the name history records, and the role that decides what they may do. */
export interface Identity {
  name: string;
  role: Role;
  via: 'api-key' | 'jwt';
}

const RANK: Readonly<Record<Role, number>> = { reader: 1, editor: 2, admin: 3 };

/** admin can do what an editor can, an editor what a reader can. */
export function hasRole(identity: Identity | null, needed: Role): boolean {
  return identity !== null && RANK[identity.role] >= RANK[needed];
}

export function highestRole(roles: unknown): Role | null {
  const list = Array.isArray(roles) ? roles : typeof roles === 'string' ? roles.split(/[\s,]+/) : [];
  const known = list.filter((role): role is Role => role === 'reader' || role === 'editor' || role === 'admin');
  return known.sort((a, b) => RANK[b] - RANK[a])[0] ?? null;
}

/**
 * The identity the authentication middleware (src/http/authentication.ts) kept for this request,
 * null for an anonymous one. Typed by shape, so this layer needs nothing of express.
 */
export function identityOf(res: { locals: Record<string, unknown> }): Identity | null {
  return (res.locals.identity as Identity | null | undefined) ?? null;
}
