import type { BundleAllegation } from '../../../bundle/format';
import { confidenceOf, type StixObject } from '../stix-mapping';
import { compact, evidence, extension, kebab, type StixExportContext } from './export-context';

/** An allegation as a note: a claim, by its accusers, about its targets; never a plain relationship. */
export function allegationToStix(allegation: BundleAllegation, context: StixExportContext): StixObject {
  const id = context.ref(allegation.id);
  context.cites(id, allegation);
  const accusers = context.claims.accusersOf.get(allegation.id) ?? [];
  const targets = context.claims.targetsOf.get(allegation.id) ?? [];
  const refs = [...new Set([...targets, ...accusers].map((graphId) => context.ref(graphId)))].sort();
  return compact({
    ...context.common('note', id, allegation.id, context.markingOf(allegation)),
    abstract: `Allegation (${kebab(allegation.status)}): ${allegation.statement}`.slice(0, 300),
    content: allegation.statement,
    authors: accusers.map((accuser) => context.nameOf.get(accuser) ?? accuser).sort(),
    // Never empty (STIX requires a reference): an allegation linked to nothing refers to its sources.
    object_refs: refs.length ? refs : allegation.sourceIds.map((source) => context.ref(source)).sort(),
    labels: ['allegation', kebab(allegation.status), ...allegation.claimTypes.map(kebab)],
    // The note's confidence is the grade of what it claims, not of the report that it was made.
    confidence: confidenceOf(allegation.claimCredibility ?? 6),
    ...extension({
      graph_id: allegation.id,
      status: allegation.status,
      claim_types: allegation.claimTypes,
      claim_credibility: allegation.claimCredibility,
      date: allegation.date,
      ...evidence(allegation),
    }),
  });
}
