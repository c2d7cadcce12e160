import type { BundleEvidence } from '../../format';
import type { BundleRule, RuleContext } from '../rule';

/**
 * Offsets of an excerpt in a document come whole (source, start, end), name one of the record's
 * own sources, and span exactly the excerpt's length: what can be told without the document. That
 * the document reads the excerpt there is checked against its text in the import's transaction
 * (BundleRepository.lockCheckAndWrite).
 */
function check(record: BundleEvidence, context: RuleContext): void {
  const { excerptSourceId, excerptStart, excerptEnd } = record;
  const given = [excerptSourceId, excerptStart, excerptEnd].filter((value) => value !== undefined).length;
  if (given === 0) return;
  if (given < 3) {
    context.report('excerptStart', 'excerptSourceId, excerptStart and excerptEnd come together, or not at all');
    return;
  }
  if (!record.sourceIds.includes(excerptSourceId!))
    context.report('excerptSourceId', `"${excerptSourceId}" is not one of the record's sourceIds`);
  if (excerptEnd! - excerptStart! !== record.excerpt.length)
    context.report(
      'excerptEnd',
      `[${excerptStart}, ${excerptEnd}) spans ${excerptEnd! - excerptStart!} characters, the excerpt has ${record.excerpt.length}`,
    );
}

export const ExcerptOffsetsRule: BundleRule = {
  name: 'ExcerptOffsets',
  needs: 'record',
  entity(record, kind, context) {
    if (kind !== 'source') check(record as BundleEvidence, context);
  },
  relationship(rel, context) {
    check(rel, context);
  },
};
