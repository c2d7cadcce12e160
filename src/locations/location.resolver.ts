import { Resolver } from 'type-graphql';
import { createEntityResolver } from '../entities/entity-kind.resolver';
import { LocationsArgs } from './location.args';
import { Location } from './location.type';

@Resolver(() => Location)
export class LocationResolver extends createEntityResolver(Location, LocationsArgs, (repos) => repos.locations, {
  byId: { name: 'location', description: 'A location by id, e.g. "kayes"' },
  list: {
    name: 'locations',
    description: 'Locations (countries, regions, cities, corridors) ordered by id, filtered and paged',
  },
}) {}
