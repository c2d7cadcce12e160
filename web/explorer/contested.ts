/**
 * What the explorer draws as contested: dashed, with a marker, and flagged in the path panel.
 *
 * For now a link is contested when it is part of an allegation (ALLEGES, ACCUSES, CONCERNS,
 * DENIES, or any link to or from an Allegation node): a claim someone makes, not an established
 * fact. When paths gain the API's `contested` field (and structured `steps`), switch this one
 * function to read it; nothing else in the explorer decides this.
 */

export const ALLEGATION_LINK_TYPES: ReadonlySet<string> = new Set(['ALLEGES', 'ACCUSES', 'CONCERNS', 'DENIES']);

export interface LinkFacts {
  type: string;
  /** GraphQL __typename of each end (Actor, Allegation, Event ...), when known. */
  fromKind?: string;
  toKind?: string;
  /** The API's own verdict, once it has one (paths' `contested`): it wins when present. */
  contested?: boolean;
}

export function isContested(link: LinkFacts): boolean {
  if (typeof link.contested === 'boolean') return link.contested;
  return ALLEGATION_LINK_TYPES.has(link.type) || link.fromKind === 'Allegation' || link.toKind === 'Allegation';
}

/** Why a contested link is contested, in words for the side panel and the legend. */
export function contestedReason(link: LinkFacts): string {
  if (link.type === 'DENIES') return 'denial of an allegation';
  return 'part of an allegation: a claim, not an established fact';
}
