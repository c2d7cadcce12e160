import { Resolver } from 'type-graphql';
import { createEntityResolver } from '../entities/entity-kind.resolver';
import { AllegationsArgs } from './allegation.args';
import { Allegation } from './allegation.type';

@Resolver(() => Allegation)
export class AllegationResolver extends createEntityResolver(
  Allegation,
  AllegationsArgs,
  (repos) => repos.allegations,
  {
    byId: { name: 'allegation', description: 'An allegation by id' },
    list: { name: 'allegations', description: 'Allegations ordered by id, filtered and paged' },
  },
) {}
