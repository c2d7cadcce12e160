import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, toConnection, type ConnectionValue } from '../common/connection';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { AllegationsArgs } from './allegation.args';
import { Allegation } from './allegation.type';

@ObjectType()
export class AllegationConnection extends Connection(Allegation, 'Allegation') {}

@Resolver(() => Allegation)
export class AllegationResolver {
  @Query(() => Allegation, { nullable: true, description: 'An allegation by id' })
  async allegation(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Allegation | null> {
    const entity = await loaders.entity.load(id);
    return entity instanceof Allegation ? entity : null;
  }

  @Query(() => AllegationConnection, {
    complexity: listCost(20, 100),
    description: 'Allegations ordered by id, filtered and paged' })
  async allegations(@Args() args: AllegationsArgs, @Ctx() { repos }: RequestContext): Promise<ConnectionValue<Allegation>> {
    return toConnection(await repos.allegations.list(args), (item) => item.id);
  }
}
