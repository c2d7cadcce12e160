import { Bundle, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleRelationship } from '../bundle/format';
import { BadUserInputError, type FieldProblem } from '../errors';
import { RelationshipType } from '../model/vocabulary';

/**
 * Every curation mutation is a small bundle written through the same validator and loader as an
 * import (see curation.service.ts): one write transaction, the same evidence and endpoint rules,
 * the same history. This module builds those bundles and renames problems from bundle paths
 * (`relationships[2].from`) to the mutation's own arguments (`participants[1].actorId`).
 */

/** A relationship of the bundle and the argument that produced it. */
export interface DerivedLink {
  relationship: BundleRelationship;
  endpointArg: string;
}

export interface MutationBundle {
  bundle: Bundle;
  /** Bundle section -> the argument holding its single record, e.g. events -> event. */
  sections: Partial<Record<'sources' | 'actors' | 'locations' | 'events' | 'allegations', string>>;
  links: DerivedLink[];
  /** The argument whose evidence the derived links carry, e.g. event. */
  evidenceArg?: string;
  /** Sources the record already cites (an update): kept even when the writer cannot see them. */
  keptSourceIds?: string[];
}

export function mutationBundle(parts: Partial<Omit<Bundle, 'format' | 'version'>>): Bundle {
  return Object.assign(new Bundle(), { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...parts });
}

/** Links citing the same evidence as the record they belong to. */
export function linkWithEvidence(
  evidence: { sourceIds: string[]; credibility: number; excerpt: string },
  type: RelationshipType,
  from: string,
  to: string,
  extra: Partial<BundleRelationship> = {},
): BundleRelationship {
  return {
    type,
    from,
    to,
    sourceIds: evidence.sourceIds,
    credibility: evidence.credibility,
    excerpt: evidence.excerpt,
    ...extra,
  } as BundleRelationship;
}

export function renameProblem(problem: FieldProblem, request: MutationBundle): FieldProblem {
  const match = /^(\w+)\[(\d+)\](?:\.(.*))?$/.exec(problem.field);
  if (!match) return problem;
  const [, section, index, rest] = match;
  const { record: _record, ...withoutRecord } = problem;
  if (section === 'relationships') {
    const link = request.links[Number(index)];
    if (!link) return problem;
    // The link itself (`relationships[0]`) or one of its ends: the argument that produced it.
    if (!rest || rest === 'from' || rest === 'to') return { ...withoutRecord, field: link.endpointArg };
    return {
      ...withoutRecord,
      field: request.evidenceArg ? `${request.evidenceArg}.${rest}` : `${link.endpointArg}.${rest}`,
    };
  }
  const argument = request.sections[section as keyof MutationBundle['sections']];
  return argument ? { ...withoutRecord, field: rest ? `${argument}.${rest}` : argument } : problem;
}

/** A relationship's record with `changes` applied: omitted fields stay, null clears, addSourceIds appends. */
export function applyRelationshipChanges(
  record: Record<string, unknown>,
  changes: RelationshipChanges,
): BundleRelationship {
  const { addSourceIds, ...fields } = changes;
  const next = { ...record };
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (addSourceIds)
    next.sourceIds = [...new Set([...((next.sourceIds as string[] | undefined) ?? []), ...addSourceIds])];
  return next as unknown as BundleRelationship;
}

/** What updateRelationship may change (the fields of RelationshipChangesInput). */
export interface RelationshipChanges {
  sourceIds?: string[];
  addSourceIds?: string[];
  credibility?: number;
  excerpt?: string;
  validFrom?: string | null;
  validTo?: string | null;
  date?: string | null;
}

/** A bundle problem restated in the mutation's own argument names; other errors unchanged. */
export function inArgumentTerms(error: unknown, request: MutationBundle): unknown {
  if (!(error instanceof BadUserInputError)) return error;
  return new BadUserInputError(error.problems.map((problem) => renameProblem(problem, request)));
}
