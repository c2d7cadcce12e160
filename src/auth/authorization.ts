import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
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
export function authorize(
  context: Pick<RequestContext, 'auth'>,
  operationType: string,
  field: string,
  anonymousReads: boolean,
): void {
  const needed = requiredRole(operationType, field);
  const { auth } = context;
  if (!auth) {
    if (!(needed === 'reader' && anonymousReads)) {
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        `"${field}" needs credentials (x-api-key or a bearer token) with the ${needed} role`,
        { http: { status: 401 } },
      );
    }
  } else if (!hasRole(auth, needed)) {
    throw new AppError(ErrorCode.FORBIDDEN, `"${field}" needs the ${needed} role; ${auth.name} has ${auth.role}`, {
      http: { status: 403 },
    });
  }
}

/**
 * Puts `authorize` in front of every root field of the schema (queries, mutations, and both
 * halves of a subscription), in place, so no resolver class can be added without it.
 *
 * Why not a type-graphql global middleware (what this was): type-graphql wraps every field of
 * every object type in the middleware chain, so each scalar of each item of a page became three
 * nested async calls and a promise; actor(id) over HTTP spent more on that than on its query.
 */
export function guardRootFields(schema: GraphQLSchema, anonymousReads: boolean): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      // The same check before the resolver and, for a subscription, before its source.
      const guarded =
        (run: GraphQLFieldResolver<unknown, RequestContext>): GraphQLFieldResolver<unknown, RequestContext> =>
        (root, args, context, info) => {
          authorize(context, type.name, field.name, anonymousReads);
          return run(root, args, context, info);
        };
      field.resolve = guarded(field.resolve ?? defaultFieldResolver);
      if (field.subscribe) field.subscribe = guarded(field.subscribe);
    }
  }
  return schema;
}
