import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import '../common/enums';
import { ActorResolver } from '../actors/actor.resolver';
import {
  ActorAllegationsResolver,
  AllegationDetailsResolver,
  DenialResolver,
} from '../allegations/allegation-details.resolver';
import { AllegationResolver } from '../allegations/allegation.resolver';
import { BundleResolver } from '../curation/bundle.resolver';
import { CurationResolver } from '../curation/curation.resolver';
import { GraphEditsResolver } from '../curation/graph-edits.resolver';
import { StixResolver } from '../interop/stix/stix.resolver';
import { HistoryResolver } from '../curation/history.resolver';
import { ChangesResolver } from '../changes/changes.resolver';
import { AcledResolver } from '../interop/acled/acled.resolver';
import { DocumentResolver } from '../documents/document.resolver';
import {
  AllegationEvidenceResolver,
  HopEvidenceResolver,
  RelationshipEvidenceResolver,
  SubgraphEdgeEvidenceResolver,
} from '../documents/review/evidence.resolver';
import { MentionCandidateResolver, ProposalMentionResolver, ReviewResolver } from '../documents/review/review.resolver';
import { EntityResolver } from '../entities/entity.resolver';
import { NodeResolver } from '../entities/node.resolver';
import { EventResolver } from '../events/event.resolver';
import { InvestigationResolver } from '../investigations/investigation.resolver';
import { LocationResolver } from '../locations/location.resolver';
import { MetaResolver } from '../meta/meta.resolver';
import { RelationshipResolver } from '../relationships/relationship.resolver';
import { HubsResolver } from '../search/hubs.resolver';
import { SearchResolver } from '../search/search.resolver';
import { SourceResolver } from '../sources/source.resolver';
import { TimelineResolver } from '../traversal/timeline.resolver';
import { SubgraphEdgeResolver, TraversalResolver } from '../traversal/traversal.resolver';
import { WebhookResolver } from '../webhooks/webhook.resolver';
import { WatchResolver } from '../watchlists/watch.resolver';
import { validateArgument } from './validation';
import { guardRootFields } from '../auth/authorization';

/** Every resolver class of the API; the schema is built from these and nothing else. */
export const RESOLVERS = [
  EntityResolver,
  NodeResolver,
  ActorResolver,
  LocationResolver,
  EventResolver,
  AllegationResolver,
  AllegationDetailsResolver,
  DenialResolver,
  ActorAllegationsResolver,
  SourceResolver,
  RelationshipResolver,
  SearchResolver,
  HubsResolver,
  TraversalResolver,
  TimelineResolver,
  SubgraphEdgeResolver,
  CurationResolver,
  GraphEditsResolver,
  BundleResolver,
  AcledResolver,
  StixResolver,
  HistoryResolver,
  ChangesResolver,
  MetaResolver,
  DocumentResolver,
  ReviewResolver,
  ProposalMentionResolver,
  MentionCandidateResolver,
  RelationshipEvidenceResolver,
  AllegationEvidenceResolver,
  SubgraphEdgeEvidenceResolver,
  HopEvidenceResolver,
  WebhookResolver,
  InvestigationResolver,
  WatchResolver,
] as const;

export async function buildGraphSchema(options: { anonymousReads?: boolean } = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    // validate: true, with our own function so errors name the field (see validation.ts).
    validate: true,
    validateFn: validateArgument,
    pubSub: NO_TOPICS,
  });
  // Roles are checked at the root fields, put there after the build (see guardRootFields).
  return guardRootFields(schema, options.anonymousReads ?? true);
}

/**
 * type-graphql asks for a PubSub as soon as there is a subscription; ours (`changed`) brings its
 * own source, the change feed (src/changes/change-stream.ts), so no topic is ever published.
 */
const NO_TOPICS: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('subscriptions read the change feed; there are no topics');
  },
};

const HEADER = '# Emitted from the code by `npm run schema` (src/graphql/schema.ts). Do not edit by hand.\n\n';

/** The committed schema/schema.graphql text: sorted, so diffs show real changes only. */
export function printGraphSchema(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
