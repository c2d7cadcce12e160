import { createHash, randomUUID } from 'node:crypto';
import type { BundleSource } from '../bundle/format';
import { BundleRepository } from '../bundle/load';
import { parseBundleFields } from '../bundle/validate';
import { mutationBundle } from '../curation/mutation-bundle';
import type { Database, Tx, Visibility } from '../db';
import { BadUserInputError, type FieldProblem } from '../errors';
import { ID_MAX_LENGTH, Tlp, TLP_ORDER } from '../model/vocabulary';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './document-limits';
import { toDocument } from './document.mapper';
import { DocumentRepository } from './document.repository';
import type { Document } from './document.type';
import { LANGUAGE_PATTERN, type IngestDocumentInput } from './document.input';
import {
  base64Bytes,
  checkSize,
  readDocument,
  type DocumentContent,
  type ReadDocument,
} from './readers/document-reader';
import { chunksOf } from './readers/document-text';

/**
 * Ingesting a document (docs/documents.md): read and checked outside any transaction (size first,
 * then format, then the text in a bounded worker), then ONE write transaction: the content hash
 * claimed first (a second ingest of the same text waits on it and answers the first's document,
 * `duplicate: true`, writing nothing), the id checked under its lock (a document never takes an
 * existing entity's id), the Source written through the bundle loader (validated, with history),
 * then its text. A failure anywhere leaves nothing.
 */

/** An ingest as the service takes it: the content (with the field it came in) and the metadata. */
export type IngestRequest = Omit<IngestDocumentInput, 'text' | 'content'> & { content: DocumentContent };

export class DocumentService {
  private readonly bundles = new BundleRepository();

  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
    private readonly limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
  ) {}

  /** The GraphQL input as a request: exactly one of text and content, the size checked before decoding. */
  fromInput(input: IngestDocumentInput): IngestRequest {
    const { text, content, ...metadata } = input;
    if ((text === undefined || text === null) === (content === undefined || content === null)) {
      throw BadUserInputError.field('input.text', 'give either text or content (base64), not both and not neither');
    }
    const common = { filename: input.filename, mediaType: input.mediaType };
    if (typeof content === 'string') {
      checkSize(base64Bytes(content), 'input.content', this.limits);
      return { ...metadata, content: { ...common, bytes: Buffer.from(content, 'base64'), field: 'input.content' } };
    }
    return { ...metadata, content: { ...common, text: text!, field: 'input.text' } };
  }

  async ingest(request: IngestRequest, who: string): Promise<Document> {
    this.checkMetadata(request);
    const read = await readDocument(request.content, this.limits);
    const contentHash = createHash('sha256').update(read.text, 'utf8').digest('hex');
    const id = request.id ?? defaultId(titleOf(request, read), contentHash);
    const source = this.sourceRecord(request, read, id);
    const outcome = await this.db.writeTransaction('documents.ingest', (tx) =>
      this.write(tx, { request, read, contentHash, source }, who),
    );
    const [row] = await new DocumentRepository(this.db, this.visibility).byIds([outcome.id]);
    if (!row) throw BadUserInputError.field(request.content.field, 'this document is not available at your clearance');
    return toDocument(row, outcome.duplicate);
  }

  private async write(
    tx: Tx,
    job: { request: IngestRequest; read: ReadDocument; contentHash: string; source: BundleSource },
    who: string,
  ): Promise<{ id: string; duplicate: boolean }> {
    const repository = new DocumentRepository(this.db, this.visibility);
    const claim = await repository.claim(tx, job.contentHash, randomUUID());
    if (!claim.created) return { id: claim.sourceId ?? '', duplicate: true };
    const { id } = job.source;
    await this.bundles.lock(tx, [id]);
    const taken = (await this.bundles.knownEntities(tx, [id])).has(id);
    if (taken)
      throw BadUserInputError.field(
        job.request.id ? 'input.id' : 'input.title',
        `id "${id}" is not available: choose another id`,
      );
    await this.bundles.lockCheckAndWrite(tx, asSourceRecord(job.source), { who, operation: 'ingestDocument' });
    await repository.writeText(tx, {
      id,
      contentHash: job.contentHash,
      text: job.read.text,
      chunks: chunksOf(job.read.text),
      format: job.read.format,
      language: job.request.language ?? null,
      undated: job.request.undated,
      ingestedAt: new Date().toISOString(),
    });
    return { id, duplicate: false };
  }

  /** Metadata problems, all at once, before the document is read. */
  private checkMetadata(request: IngestRequest): void {
    const problems: FieldProblem[] = [];
    if (!request.published && !request.undated)
      problems.push({
        field: 'input.published',
        reason: 'give the published date (YYYY, YYYY-MM or YYYY-MM-DD), or undated: true',
      });
    if (request.published && request.undated)
      problems.push({ field: 'input.undated', reason: 'a document with a published date is not undated' });
    if (request.language && !LANGUAGE_PATTERN.test(request.language))
      problems.push({ field: 'input.language', reason: 'must be a code such as en, fr or pt-BR' });
    if (TLP_ORDER.indexOf(request.tlp) > TLP_ORDER.indexOf(this.visibility.clearance))
      problems.push({
        field: 'input.tlp',
        reason: `is above your clearance (${this.visibility.clearance}): you could not read what you write`,
      });
    if (problems.length) throw new BadUserInputError(problems);
  }

  private sourceRecord(request: IngestRequest, read: ReadDocument, id: string): BundleSource {
    return {
      id,
      title: titleOf(request, read),
      kind: request.kind,
      ...(request.publisher ? { publisher: request.publisher } : {}),
      ...(request.author ? { author: request.author } : {}),
      ...(request.url ? { url: request.url } : {}),
      ...(request.published ? { published: request.published } : {}),
      reliability: request.reliability,
      ...(request.tlp !== Tlp.CLEAR ? { tlp: request.tlp } : {}),
    };
  }
}

/** The source checked as any bundle source is, its problems named as the input's fields. */
function asSourceRecord(source: BundleSource) {
  try {
    return parseBundleFields(mutationBundle({ sources: [source] }));
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    throw new BadUserInputError(
      error.problems.map((problem) => ({
        field: problem.field.replace(/^sources\[0\]\.?/, 'input.'),
        reason: problem.reason,
      })),
    );
  }
}

/** The title given, else the document's own, else the file name, else its first line. */
function titleOf(request: IngestRequest, read: ReadDocument): string {
  const firstLine = read.text
    .trim()
    .split('\n')[0]
    .replace(/^#+\s*/, '')
    .trim();
  const title = request.title ?? read.title ?? request.content.filename ?? firstLine;
  return title.trim().slice(0, 200) || 'Untitled document';
}

/** A readable, stable id: the title as a slug and the start of the content hash. */
function defaultId(title: string, contentHash: string): string {
  const digest = contentHash.slice(0, 8);
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, Math.min(60, ID_MAX_LENGTH - 9))
    .replace(/-+$/, '');
  return base ? `${base}-${digest}` : `document-${digest}`;
}
