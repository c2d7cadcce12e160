import { ArgsType } from 'type-graphql';
import { EntityListArgs } from '../entities/entity-list.args';
import { LocationFilter } from './location.input';

@ArgsType()
export class LocationsArgs extends EntityListArgs(LocationFilter) {}
