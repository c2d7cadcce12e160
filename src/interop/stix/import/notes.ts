import type { BundleAllegation } from '../../../bundle/format';
import { AllegationStatus, ClaimType, EntityKind, RelationshipType } from '../../../model/vocabulary';
import { credibilityOf, type StixObject } from '../stix-mapping';
import { clip, enumValue, MAX_TEXT, partialDate, strings, text } from './import-helpers';
import type { StixImportContext } from './import-context';

/** A note is a claim: the allegation of whoever made it, never a fact. */
export function noteFromStix(o: StixObject, context: StixImportContext): void {
  const e = context.ext(o) ?? {};
  const statement = clip(text(o.content) ?? text(o.abstract), MAX_TEXT) ?? 'Unstated claim';
  const allegation: BundleAllegation = {
    id: context.register(o, context.graphId(o, text(o.abstract) ?? statement), EntityKind.ALLEGATION),
    statement,
    claimTypes: strings(e.claim_types).filter((t) => enumValue(ClaimType, t)) as ClaimType[],
    status: enumValue(AllegationStatus, e.status) ?? AllegationStatus.ALLEGED,
    ...context.evidence(o, statement),
  };
  if (!allegation.claimTypes.length) allegation.claimTypes = [ClaimType.OTHER];
  const claim = typeof e.claim_credibility === 'number' ? e.claim_credibility : undefined;
  if (context.ext(o)) {
    if (claim !== undefined) allegation.claimCredibility = claim;
  } else {
    // A foreign note's confidence grades what it says; that it was said is graded 6 (not judged).
    allegation.claimCredibility = credibilityOf(o.confidence);
    allegation.credibility = 6;
  }
  const date = partialDate(e.date);
  if (date) allegation.date = date;
  context.allegations.push(allegation);
  context.origin.set(allegation, o.id);
}

/** Pass 3 for a note: a foreign one's links (the graph's own notes come with their relationships). */
export function noteLinksFromStix(o: StixObject, context: StixImportContext): void {
  if (context.ext(o) || !context.graphIdOf.has(o.id)) return;
  linkNote(o, context, context.allegationWithId(context.graphIdOf.get(o.id)!)!);
}

/** A foreign note: whoever signed it alleges it, and it concerns what it refers to. */
function linkNote(o: StixObject, context: StixImportContext, allegation: BundleAllegation): void {
  const link = (type: RelationshipType, from: string, to: string) =>
    context.add(
      {
        type,
        from,
        to,
        sourceIds: allegation.sourceIds,
        credibility: allegation.credibility,
        excerpt: allegation.excerpt,
        ...(allegation.tlp ? { tlp: allegation.tlp } : {}),
      },
      'note link',
      o,
    );
  const signer = context.graphIdOf.get(String(o.created_by_ref));
  if (signer && context.kindOf.get(signer) === EntityKind.ACTOR) link(RelationshipType.ALLEGES, signer, allegation.id);
  for (const ref of strings(o.object_refs)) {
    const target = context.graphIdOf.get(ref);
    const kind = target === undefined ? undefined : context.kindOf.get(target);
    if (target && target !== signer && kind !== EntityKind.SOURCE && kind !== EntityKind.ALLEGATION)
      link(RelationshipType.CONCERNS, allegation.id, target);
  }
}
