import type { MiddlewareFn } from 'type-graphql';
import type { Role } from './role';
import { AppError, ErrorCode } from '../errors';
import type { RequestContext } from '../graphql/context';
import { hasRole } from './identity';

/** Mutations that change or remove what others rely on need an admin; other writes an editor. */
const MUTATION_ROLES: Readonly<Record<string, Role>> = {
  importBundle: 'admin',
  importAcled: 'admin',
  importStix: 'admin',
  mergeEntities: 'admin',
  retract: 'admin',
  // Webhooks make the server send the feed to a URL: only admins register or change them.
  registerWebhook: 'admin',
  setWebhookEnabled: 'admin',
  rotateWebhookSecret: 'admin',
  deleteWebhook: 'admin',
  // A watch is the caller's own, not a change to the graph: any reader may keep one.
  watch: 'reader',
  watchPair: 'reader',
  unwatch: 'reader',
};

/** Reads that only curators need: proposals runs the extraction over a whole document. */
const QUERY_ROLES: Readonly<Record<string, Role>> = {
  proposals: 'editor',
  webhooks: 'admin',
  webhook: 'admin',
};

export function requiredRole(operationType: 'Query' | 'Mutation' | string, field: string): Role {
  return operationType === 'Mutation' ? (MUTATION_ROLES[field] ?? 'editor') : (QUERY_ROLES[field] ?? 'reader');
}

/**
 * Checks the caller's role once per root field (nested fields inherit the decision): reads need
 * a reader (or anonymous reads switched on), writes an editor or admin. No identity ->
 * UNAUTHENTICATED; the wrong role -> FORBIDDEN, naming the role needed.
 */
export function authorization(anonymousReads: boolean): MiddlewareFn<RequestContext> {
  return async ({ info, context }, next) => {
    if (info.path.prev === undefined) {
      const needed = requiredRole(info.parentType.name, info.fieldName);
      const { auth } = context;
      if (!auth) {
        if (!(needed === 'reader' && anonymousReads)) {
          throw new AppError(
            ErrorCode.UNAUTHENTICATED,
            `"${info.fieldName}" needs credentials (x-api-key or a bearer token) with the ${needed} role`,
            {
              http: { status: 401 },
            },
          );
        }
      } else if (!hasRole(auth, needed)) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `"${info.fieldName}" needs the ${needed} role; ${auth.name} has ${auth.role}`,
          {
            http: { status: 403 },
          },
        );
      }
    }
    return next();
  };
}
