import { Resolver } from 'type-graphql';
import { createEntityResolver } from '../entities/entity-kind.resolver';
import { EventsArgs } from './event.args';
import { Event } from './event.type';

@Resolver(() => Event)
export class EventResolver extends createEntityResolver(Event, EventsArgs, (repos) => repos.events, {
  byId: { name: 'event', description: 'An event by id, e.g. "senegalese-drivers-abduction"' },
  list: { name: 'events', description: 'Events ordered by id (see timeline for date order), filtered and paged' },
}) {}
