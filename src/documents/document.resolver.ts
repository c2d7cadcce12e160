import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { DocumentArgs, MAX_TEXT_SLICE, MentionsArgs, SearchDocumentsArgs, TextSliceArgs } from './document.args';
import { DocumentHitPage } from './document-hit.type';
import { IngestDocumentInput } from './document.input';
import { Document } from './document.type';
import { Mention } from './mention.type';
import { BadUserInputError, NotFoundError } from '../errors';
import { requireEntity } from '../graphql/required-entities';

/** Documents in (ingestDocument, editors and up) and out (document, text slices, search, mentions). */
@Resolver(() => Document)
export class DocumentResolver {
  @Mutation(() => Document, {
    description:
      'Ingest a report (text, Markdown, HTML or PDF) as a Source with its full text; the same text again answers the existing document with duplicate: true',
  })
  ingestDocument(
    @Arg('input', () => IngestDocumentInput) input: IngestDocumentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Document> {
    return ctx.documents.ingest(ctx.documents.fromInput(input), ctx.identity);
  }

  @Query(() => Document, {
    // Nullable although never null: a NOT_FOUND nulls this field only, not its siblings.
    nullable: true,
    description:
      'A document by the id of its Source; NOT_FOUND (extensions.field "id") when no document has that id or it is hidden from the caller',
  })
  async document(@Args() { id }: DocumentArgs, @Ctx() ctx: RequestContext): Promise<Document> {
    const document = await ctx.loaders.document.load(id);
    // The loader reads through the caller's clearance: hidden and unknown are the same answer.
    if (!document) throw new NotFoundError('Document', id, 'id');
    return document;
  }

  @Query(() => DocumentHitPage, {
    complexity: ({ args, childComplexity }) => 5 + Number(args.first ?? 10) * childComplexity,
    description: 'Documents whose text matches the words (accents and case ignored), best first, with a snippet',
  })
  searchDocuments(@Args() { query, first, after }: SearchDocumentsArgs, @Ctx() ctx: RequestContext) {
    return ctx.documentSearch.search(query, first, after);
  }

  @Query(() => [Mention], {
    complexity: ({ args, childComplexity }) => 5 + Number(args.first ?? 20) * childComplexity,
    description:
      'Where an entity\'s name or aliases occur across documents, each with its sentence (empty: none in a document you may see); NOT_FOUND (extensions.field "entityId") when the entity is unknown or hidden from the caller',
  })
  async mentions(@Args() { entityId, first }: MentionsArgs, @Ctx() ctx: RequestContext): Promise<Mention[]> {
    const entity = await requireEntity(ctx.loaders, 'entityId', entityId);
    return ctx.documentSearch.mentions([entity.name, ...entity.aliases], first);
  }

  @FieldResolver(() => String, {
    description: `The text from start to end (UTF-16 offsets; at most ${MAX_TEXT_SLICE} characters at once, the first ${MAX_TEXT_SLICE} from start by default)`,
  })
  async text(
    @Root() document: Document,
    @Args() { start, end }: TextSliceArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<string> {
    if (start > document.length)
      throw BadUserInputError.field('start', `is past the end of the text (length ${document.length})`);
    const stop = Math.min(end ?? start + MAX_TEXT_SLICE, document.length);
    if (stop < start) throw BadUserInputError.field('end', 'is before start');
    if (stop - start > MAX_TEXT_SLICE)
      throw BadUserInputError.field('end', `a slice has at most ${MAX_TEXT_SLICE} characters: read the text in pages`);
    return (await ctx.loaders.documentText.load({ id: document.id, start, length: stop - start })) ?? '';
  }
}
