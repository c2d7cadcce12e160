import { PartialDateType } from '../common/partial-date.type';
import type { Reliability, SourceKind, Tlp } from '../model/vocabulary';
import { Tlp as TlpLevel } from '../model/vocabulary';
import type { DocumentRow } from './document.repository';
import { Document } from './document.type';
import type { DocumentFormat } from './readers/document-format';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A stored document (its Source's fields and its text's, never the text itself) as the API shows it. */
export function toDocument(row: DocumentRow, duplicate = false): Document {
  const source = row.source;
  return Object.assign(new Document(), {
    id: String(source.id),
    title: String(source.name),
    kind: source.kind as SourceKind,
    publisher: text(source.publisher),
    author: text(source.author),
    url: text(source.url),
    published: PartialDateType.of(text(source.published)),
    undated: source.undated === true,
    language: text(source.language),
    reliability: source.reliability as Reliability,
    tlp: (text(source.tlp) ?? TlpLevel.CLEAR) as Tlp,
    format: row.text.format as DocumentFormat,
    length: Number(row.text.length),
    contentHash: row.text.contentHash,
    ingestedAt: String(row.text.ingestedAt),
    duplicate,
  });
}
