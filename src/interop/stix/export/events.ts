import type { BundleEvent } from '../../../bundle/format';
import { EventStatus, HYPOTHETICAL_EVENT_STATUSES } from '../../../model/vocabulary';
import { confidenceOf, type StixObject } from '../stix-mapping';
import { compact, evidence, extension, kebab, quantityOf, type StixExportContext } from './export-context';

/** An event as an incident. */
export function eventToStix(event: BundleEvent, context: StixExportContext): StixObject {
  const id = context.ref(event.id);
  context.cites(id, event);
  const status = event.status ?? EventStatus.OCCURRED;
  return compact({
    ...context.common('incident', id, event.id, context.markingOf(event)),
    name: event.title,
    description: event.description,
    // Labels say, to any reader, what kind of event it is and whether it happened.
    labels: [
      kebab(event.type),
      kebab(status),
      ...(HYPOTHETICAL_EVENT_STATUSES.includes(status) ? ['hypothetical'] : []),
    ],
    confidence: confidenceOf(event.credibility),
    ...extension({
      graph_id: event.id,
      event_type: event.type,
      status: event.status,
      start: event.start,
      end: event.end,
      quantity: quantityOf(event.quantity),
      ...evidence(event),
    }),
  });
}
