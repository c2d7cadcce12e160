import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Allegation } from '../../allegations/allegation.type';
import type { ExcerptOffsets } from '../../common/excerpt-offsets';
import type { RequestContext } from '../../graphql/context';
import { Relationship } from '../../relationships/relationship.type';
import { Hop, SubgraphEdge } from '../../traversal/traversal.type';
import type { Source } from '../../sources/source.type';
import { citedSources } from '../../sources/cited-sources';
import { Evidence } from './evidence.type';

interface Evidenced {
  /** The cited sources' ids, or the sources already read (a path's hop). */
  sourceIds?: string[];
  sources?: Source[];
  excerpt: string | null;
  excerptOffsets?: ExcerptOffsets | null;
}

/**
 * Evidence per visible source. The offsets are given only when the document's text still reads
 * the excerpt there (a later hand edit of the excerpt leaves them behind): one batched slice read
 * per level of the query (the documentText loader), and never for a document above the clearance.
 */
async function evidenceOf(item: Evidenced, ctx: RequestContext): Promise<Evidence[]> {
  const sources = item.sources ?? (await citedSources(ctx.loaders, item.sourceIds ?? []));
  const at = item.excerptOffsets;
  let holds = false;
  if (at && item.excerpt && at.end > at.start && sources.some((s) => s.id === at.sourceId)) {
    const slice = await ctx.loaders.documentText.load({ id: at.sourceId, start: at.start, length: at.end - at.start });
    holds = slice === item.excerpt;
  }
  return sources.map((source) => ({
    source,
    excerpt: item.excerpt ?? '',
    start: holds && source.id === at!.sourceId ? at!.start : null,
    end: holds && source.id === at!.sourceId ? at!.end : null,
  }));
}

const DESCRIPTION =
  "Each source behind it with the excerpt and, when it came from a stored document, where the excerpt stands in the document's text";

@Resolver(() => Relationship)
export class RelationshipEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: DESCRIPTION })
  evidence(@Root() relationship: Relationship, @Ctx() ctx: RequestContext): Promise<Evidence[]> {
    return evidenceOf(relationship, ctx);
  }
}

@Resolver(() => Allegation)
export class AllegationEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: DESCRIPTION })
  evidence(@Root() allegation: Allegation, @Ctx() ctx: RequestContext): Promise<Evidence[]> {
    return evidenceOf(allegation, ctx);
  }
}

@Resolver(() => SubgraphEdge)
export class SubgraphEdgeEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: DESCRIPTION })
  evidence(@Root() edge: SubgraphEdge, @Ctx() ctx: RequestContext): Promise<Evidence[]> {
    return evidenceOf(edge, ctx);
  }
}

@Resolver(() => Hop)
export class HopEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: DESCRIPTION })
  evidence(@Root() hop: Hop, @Ctx() ctx: RequestContext): Promise<Evidence[]> {
    return evidenceOf(hop, ctx);
  }
}
