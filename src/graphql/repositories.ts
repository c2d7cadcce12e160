import { ActorRepository } from '../actors/actor.repository';
import { AllegationRepository } from '../allegations/allegation.repository';
import { ExportRepository } from '../bundle/export';
import { ChangeFeedRepository } from '../changes/change-feed.repository';
import { HistoryRepository } from '../curation/history.repository';
import type { Database, Visibility } from '../db';
import { DocumentRepository } from '../documents/document.repository';
import { EntityRepository } from '../entities/entity.repository';
import { EventRepository } from '../events/event.repository';
import { LocationRepository } from '../locations/location.repository';
import { MetaRepository } from '../meta/meta.repository';
import { RelationshipRepository } from '../relationships/relationship.repository';
import { HubsRepository } from '../search/hubs.repository';
import { SearchRepository } from '../search/search.repository';
import { SourceRepository } from '../sources/source.repository';
import { TimelineRepository } from '../traversal/timeline.repository';
import { TraversalRepository } from '../traversal/traversal.repository';

/**
 * The composition root for data access: one set of repositories per request, all on the same
 * observed gateway, so batching (DataLoader) never leaks results between requests.
 */
export interface Repositories {
  meta: MetaRepository;
  entities: EntityRepository;
  relationships: RelationshipRepository;
  actors: ActorRepository;
  locations: LocationRepository;
  events: EventRepository;
  allegations: AllegationRepository;
  sources: SourceRepository;
  search: SearchRepository;
  hubs: HubsRepository;
  traversal: TraversalRepository;
  timeline: TimelineRepository;
  history: HistoryRepository;
  changes: ChangeFeedRepository;
  exports: ExportRepository;
  documents: DocumentRepository;
}

export function createRepositories(db: Database, visibility: Visibility, owner: string | null = null): Repositories {
  const entities = new EntityRepository(db, visibility);
  return {
    meta: new MetaRepository(db, visibility),
    entities,
    relationships: new RelationshipRepository(db, visibility),
    actors: new ActorRepository(db, entities),
    locations: new LocationRepository(db, entities),
    events: new EventRepository(db, entities),
    allegations: new AllegationRepository(db, entities),
    sources: new SourceRepository(db, entities),
    search: new SearchRepository(db, visibility),
    hubs: new HubsRepository(db, visibility),
    traversal: new TraversalRepository(db, visibility),
    timeline: new TimelineRepository(db, visibility),
    history: new HistoryRepository(db, visibility),
    changes: new ChangeFeedRepository(db, visibility, owner),
    exports: new ExportRepository(db, visibility),
    documents: new DocumentRepository(db, visibility),
  };
}
