import { CONTESTED_STATUSES, HYPOTHETICAL_EVENT_STATUSES } from '../../src/model/vocabulary';

/**
 * How the explorer draws a link that is not an established fact: dashed, with a marker, and
 * flagged in the side panel and the list. This is the one place that decides it.
 *
 * A link is marked when it is part of an allegation (ALLEGES, ACCUSES, CONCERNS, DENIES, or any
 * link to or from an Allegation node: a claim someone makes); `contested` when the allegation is
 * denied, disputed, refuted or retracted, or someone denies it; `hypothetical` when an end is an
 * event that was only threatened, planned or considered. These are the API's own rules for a
 * path's hops (src/traversal/path-score.ts: isContested, isHypothetical), over the same
 * vocabulary, so a neighbourhood link reads as the same link on a path; a path's verdicts are
 * added too (the API also knows deniers that are not in view).
 */

export const ALLEGATION_LINK_TYPES: ReadonlySet<string> = new Set(['ALLEGES', 'ACCUSES', 'CONCERNS', 'DENIES']);

/** Why a link is marked; a link may have several reasons. */
export type LinkMark = 'claim' | 'contested' | 'hypothetical';

export interface LinkFacts {
  type: string;
  /** GraphQL __typename of each end (Actor, Allegation, Event ...), when known. */
  fromKind?: string;
  toKind?: string;
  /** The status of each end: an allegation's (DENIED ...) or an event's (CONSIDERED ...), when known. */
  fromStatus?: string;
  toStatus?: string;
  /** Someone in view denies the allegation at one end (a DENIES link to it). */
  denied?: boolean;
  /** The API's verdicts on a path's hop (Hop.contested, Hop.hypothetical), when known. */
  contested?: boolean;
  hypothetical?: boolean;
}

/** What the explorer knows of an entity that decides its marks: its kind and status. */
export interface EntityFacts {
  kind: string;
  status?: string;
  /** Someone in view denies it (for an allegation). */
  denied?: boolean;
}

const isContestedClaim = (end: EntityFacts) =>
  end.kind === 'Allegation' &&
  ((end.status !== undefined && (CONTESTED_STATUSES as readonly string[]).includes(end.status)) || !!end.denied);

const didNotHappen = (end: EntityFacts) =>
  end.kind === 'Event' &&
  end.status !== undefined &&
  (HYPOTHETICAL_EVENT_STATUSES as readonly string[]).includes(end.status);

/** An entity's own marks: an allegation is a claim (contested when denied), an event may not have happened. */
export function entityMarks(entity: EntityFacts): LinkMark[] {
  if (entity.kind === 'Allegation') return isContestedClaim(entity) ? ['contested', 'claim'] : ['claim'];
  return didNotHappen(entity) ? ['hypothetical'] : [];
}

/** Each reason in words, with the marker the drawing and the legend use for it. */
export const MARKS: Readonly<Record<LinkMark, { symbol: string; words: string }>> = {
  claim: { symbol: '◇', words: 'claim (not an established fact)' },
  contested: { symbol: '◆', words: 'contested claim (denied or disputed)' },
  hypothetical: { symbol: '○', words: 'did not happen (considered/planned/threatened)' },
};

/** The reasons a link is marked, strongest first (the drawing shows the first one's marker). */
export function linkMarks(link: LinkFacts): LinkMark[] {
  const ends: EntityFacts[] = [
    { kind: link.fromKind ?? '', status: link.fromStatus, denied: link.denied },
    { kind: link.toKind ?? '', status: link.toStatus, denied: link.denied },
  ];
  const marks: LinkMark[] = [];
  if (link.contested || ends.some(isContestedClaim)) marks.push('contested');
  if (link.hypothetical || ends.some(didNotHappen)) marks.push('hypothetical');
  if (ALLEGATION_LINK_TYPES.has(link.type) || link.fromKind === 'Allegation' || link.toKind === 'Allegation')
    marks.push('claim');
  return marks;
}

/** The marks of a path hop: its type, its ends' kinds and the API's verdicts. */
export function hopMarks(hop: {
  type: string;
  from: { __typename: string };
  to: { __typename: string };
  contested?: boolean;
  hypothetical?: boolean;
}): LinkMark[] {
  return linkMarks({
    type: hop.type,
    fromKind: hop.from.__typename,
    toKind: hop.to.__typename,
    contested: hop.contested,
    hypothetical: hop.hypothetical,
  });
}

/** Dashed, with a marker: anything but an established fact. */
export function isMarked(link: LinkFacts): boolean {
  return linkMarks(link).length > 0;
}

/** Merges what a path's hop says about a link already drawn from a neighbourhood: the API's verdicts add to it. */
export function mergeMarks(known: readonly LinkMark[], more: readonly LinkMark[]): LinkMark[] {
  const order: LinkMark[] = ['contested', 'hypothetical', 'claim'];
  return order.filter((mark) => known.includes(mark) || more.includes(mark));
}

/** The reasons worth saying: "contested claim" already says "claim". */
export function reasonsToSay(marks: readonly LinkMark[]): LinkMark[] {
  return marks.filter((mark) => mark !== 'claim' || !marks.includes('contested'));
}

/** "◆ contested claim (denied or disputed)": one line per reason, for the side panel. */
export function markInWords(mark: LinkMark): string {
  return `${MARKS[mark].symbol} ${MARKS[mark].words}`;
}
