import type { BundleSource } from '../../../bundle/format';
import { Tlp } from '../../../model/vocabulary';
import { SAHEL_IDENTITY_ID } from '../stix-ids';
import type { StixObject } from '../stix-mapping';
import { compact, extension, startOf, type StixExportContext, UNKNOWN_TIME } from './export-context';

/**
 * A source as a report of everything that cites it: converted after every item, once the
 * items have said what they cite.
 */
export function sourceToStix(source: BundleSource, context: StixExportContext): StixObject {
  const time = context.timeOf(source.id);
  const refs = context.citing(source.id);
  return compact({
    ...context.common('report', context.ref(source.id), source.id, source.tlp ?? Tlp.CLEAR),
    name: source.title,
    description: source.description,
    report_types: ['threat-report'],
    // STIX requires a publication time: the source's own date, else when the graph first held it.
    published: startOf(source.published) ?? time?.created ?? UNKNOWN_TIME,
    object_refs: refs.length ? refs : [SAHEL_IDENTITY_ID],
    external_references: source.url ? [{ source_name: source.publisher ?? source.title, url: source.url }] : [],
    ...extension({
      graph_id: source.id,
      kind: source.kind,
      publisher: source.publisher,
      author: source.author,
      published: source.published,
      reliability: source.reliability,
      tlp: source.tlp,
    }),
  });
}
