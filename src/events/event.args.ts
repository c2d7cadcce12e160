import { ArgsType } from 'type-graphql';
import { EntityListArgs } from '../entities/entity-list.args';
import { EventFilter } from './event.input';

@ArgsType()
export class EventsArgs extends EntityListArgs(EventFilter) {}
