/** Grades and relationship types in words, as the README and the API's *Meaning fields say them. */

const CREDIBILITY: Record<number, string> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'cannot be judged',
};

export function credibilityInWords(grade: number): string {
  return `credibility ${grade}: ${CREDIBILITY[grade] ?? 'unknown grade'}`;
}

const VERBS: Record<string, string> = {
  MEMBER_OF: 'is a member of',
  AFFILIATED_WITH: 'is affiliated with',
  SUBORDINATE_TO: 'is subordinate to',
  SUPPORTS: 'supports',
  OPPOSES: 'opposes',
  GOVERNS: 'governs',
  OPERATES_IN: 'operates in',
  PART_OF: 'is part of',
  BORDERS: 'borders',
  CONNECTS: 'connects',
  PARTICIPATED_IN: 'took part in',
  OCCURRED_IN: 'occurred in',
  DISRUPTS: 'disrupts',
  FOLLOWS: 'follows',
  ALLEGES: 'alleges',
  DENIES: 'denies',
  ACCUSES: 'accuses',
  CONCERNS: 'concerns',
  REPORTED_BY: 'is reported by',
  CITES: 'cites',
};

export interface Named {
  __typename?: string;
  name: string;
}

function called(entity: Named): string {
  return entity.__typename === 'Allegation' ? `the allegation “${entity.name}”` : entity.name;
}

/**
 * "Ukraine denies the allegation “…”": a neighbourhood edge read from its subject. The API gives
 * sentences for paths only (PathStep.sentence, which the path panel shows); neighbourhood edges
 * carry none, so a selected one is read here.
 */
export function sentence(subject: Named, type: string, object: Named, role?: string | null): string {
  const verb = VERBS[type] ?? type.toLowerCase().replace(/_/g, ' ');
  const as = role ? ` (as ${role.toLowerCase()})` : '';
  return `${called(subject)} ${verb} ${called(object)}${as}`;
}

export const RELATIONSHIP_TYPES = Object.keys(VERBS);
