import { CREDIBILITY_MEANING, RELATIONSHIP_PHRASE, RelationshipType } from '../../src/model/vocabulary';

/**
 * Grades and relationship types in words: the server's own vocabulary (src/model/vocabulary.ts,
 * bundled in by esbuild), so the explorer and the API's *Meaning fields cannot drift apart.
 */
export function credibilityInWords(grade: number): string {
  return `credibility ${grade}: ${CREDIBILITY_MEANING[grade] ?? 'unknown grade'}`;
}

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
  const verb = RELATIONSHIP_PHRASE[type as RelationshipType] ?? type.toLowerCase().replace(/_/g, ' ');
  const as = role ? ` (as ${role.toLowerCase()})` : '';
  return `${called(subject)} ${verb} ${called(object)}${as}`;
}

export const RELATIONSHIP_TYPES: readonly string[] = Object.values(RelationshipType);
