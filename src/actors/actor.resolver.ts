import { Resolver } from 'type-graphql';
import { createEntityResolver } from '../entities/entity-kind.resolver';
import { ActorsArgs } from './actor.args';
import { Actor } from './actor.type';

@Resolver(() => Actor)
export class ActorResolver extends createEntityResolver(Actor, ActorsArgs, (repos) => repos.actors, {
  byId: { name: 'actor', description: 'An actor by id, e.g. "jnim"' },
  list: { name: 'actors', description: 'Actors ordered by id, filtered and paged' },
}) {}
