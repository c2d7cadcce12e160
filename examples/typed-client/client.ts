/**
 * A typed client of sahel-graph in one file: the operation is best-path.graphql, its types come
 * from GraphQL Code Generator over schema/schema.graphql (generated/graphql.ts, made by
 * `npm run codegen:example`, not committed). tests/unit/typed-client.test.ts generates them and
 * type-checks this file, so a schema change that breaks it fails the build.
 */
import type { BestPathQuery, BestPathQueryVariables } from './generated/graphql';

const BEST_PATH = /* GraphQL */ `
  query BestPath($fromId: ID!, $toId: ID!, $maxHops: Int = 4) {
    shortestPath(fromId: $fromId, toId: $toId, maxHops: $maxHops) {
      length
      score
      explanation
      nodes {
        __typename
        id
        name
      }
      hops {
        type
        credibility
        sources {
          id
          reliability
        }
      }
    }
  }
`;

interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string; id?: string };
}

/** One POST to /graphql; the API key, when given, in x-api-key. */
export async function bestPath(
  url: string,
  variables: BestPathQueryVariables,
  apiKey?: string,
): Promise<BestPathQuery['shortestPath']> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: JSON.stringify({ query: BEST_PATH, variables }),
  });
  const body = (await response.json()) as { data?: BestPathQuery | null; errors?: GraphQLError[] };
  const [error] = body.errors ?? [];
  // NOT_FOUND names the argument: an unknown id is not "no path".
  if (error) throw new Error(`${error.extensions?.code ?? 'ERROR'} ${error.extensions?.field ?? ''}: ${error.message}`);
  return body.data?.shortestPath ?? null;
}

/** The path as one line per hop: typed all the way down (a typo in a field name does not compile). */
export function describe(path: NonNullable<BestPathQuery['shortestPath']>): string[] {
  return path.hops.map((hop, i) => {
    const from = path.nodes[i];
    const to = path.nodes[i + 1];
    const sources = hop.sources.map((source) => `${source.id} (${source.reliability})`).join(', ');
    return `${from.name} -${hop.type}/${hop.credibility}-> ${to.name}: ${sources}`;
  });
}
