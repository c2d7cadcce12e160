import type { BundleEvent } from '../../../bundle/format';
import { EntityKind, EventStatus, EventType } from '../../../model/vocabulary';
import type { StixObject } from '../stix-mapping';
import { clip, enumValue, MAX_NAME, MAX_TEXT, partialDate, quantity, strings, text } from './import-helpers';
import type { StixImportContext } from './import-context';

/** An incident or observed-data as an event. */
export function eventFromStix(o: StixObject, context: StixImportContext): void {
  const e = context.ext(o) ?? {};
  const observed = o.type === 'observed-data';
  const title =
    clip(text(o.name), MAX_NAME) ??
    (observed
      ? `Observation: ${Number(o.number_observed ?? 1)} time(s) from ${String(o.first_observed ?? '').slice(0, 10)}`
      : 'Unnamed incident');
  const event: BundleEvent = {
    id: context.register(o, context.graphId(o, title), EntityKind.EVENT),
    type:
      enumValue(EventType, e.event_type) ??
      strings(o.labels)
        .map((label) => enumValue(EventType, label.toUpperCase().replaceAll('-', '_')))
        .find((type) => type !== undefined) ??
      EventType.OTHER,
    title,
    ...context.evidence(o, title),
  };
  if (text(o.description)) event.description = clip(text(o.description), MAX_TEXT);
  const start = context.ext(o) ? partialDate(e.start) : partialDate(observed ? o.first_observed : o.first_seen);
  const end = context.ext(o) ? partialDate(e.end) : partialDate(observed ? o.last_observed : o.last_seen);
  if (start) event.start = start;
  if (end) event.end = end;
  if (context.ext(o)) {
    if (quantity(e.quantity)) event.quantity = quantity(e.quantity);
    if (enumValue(EventStatus, e.status)) event.status = e.status as EventStatus;
  } else {
    // Written out, as the graph's own export writes it, so a re-import reads as unchanged.
    event.status = EventStatus.OCCURRED;
    if (observed && typeof o.number_observed === 'number')
      event.quantity = { measure: 'times observed', value: o.number_observed };
  }
  context.events.push(event);
  context.origin.set(event, o.id);
}
