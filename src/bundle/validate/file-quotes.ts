import { readFileItems, type BundleEvidence, type ImportFormat } from '../format';
import { quotedExcerptOf, type QuotedExcerpt } from './excerpt-check';
import { checkedLines } from './parallel-check';
import { usesWorkers } from './stream-validator';

/**
 * The quoted excerpts of an import file (records that place their excerpt in a document), in
 * arrays as read: what the import checks against the documents before it writes. JSON Lines go
 * through the validation workers when there are some (parsing every line is most of the cost).
 */
export async function* fileQuotedExcerpts(
  file: string,
  format: ImportFormat,
  workers?: number,
  rangeBytes?: number,
): AsyncGenerator<QuotedExcerpt[]> {
  if (!usesWorkers(format, workers)) {
    for await (const items of readFileItems(file, format)) {
      yield items.flatMap((item) =>
        'kind' in item && item.kind !== 'source'
          ? (quotedExcerptOf(item.record as Partial<BundleEvidence>, item.where) ?? [])
          : [],
      );
    }
    return;
  }
  for await (const results of checkedLines(file, { workers: workers!, rangeBytes, mode: 'quotes' })) {
    yield results.flatMap((result) =>
      'quote' in result && result.kind !== 'source' ? (quotedExcerptOf(result.quote, `line ${result.line}`) ?? []) : [],
    );
  }
}
