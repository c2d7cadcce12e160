import { ArgsType } from 'type-graphql';
import { EntityListArgs } from '../entities/entity-list.args';
import { ActorFilter } from './actor.input';

@ArgsType()
export class ActorsArgs extends EntityListArgs(ActorFilter) {}
