import type { BundleSource } from '../../../bundle/format';
import { EntityKind, Reliability, SourceKind, Tlp as TlpLevel, type Tlp } from '../../../model/vocabulary';
import type { StixObject } from '../stix-mapping';
import { strictestTlp, tlpAbove } from '../stix-markings';
import { clip, enumValue, MAX_NAME, MAX_TEXT, own, partialDate, text, type Plain } from './import-helpers';
import type { StixImportContext } from './import-context';

/** Pass 1: sources (reports) first, since everything else cites them. */
export function reportFromStix(o: StixObject, context: StixImportContext): void {
  const e = context.ext(o) ?? {};
  const title = clip(text(o.name), MAX_NAME) ?? 'Untitled report';
  const author = context.byId.get(String(o.created_by_ref));
  const url = (Array.isArray(o.external_references) ? (o.external_references as Plain[]) : [])
    .map((r) => text(own(r, 'url')))
    .find((u) => u && /^https?:\/\//.test(u));
  const reliability =
    enumValue(Reliability, e.reliability) ??
    enumValue(Reliability, String(author?.x_opencti_reliability ?? o.x_opencti_reliability ?? '').charAt(0)) ??
    Reliability.F;
  const source: BundleSource = {
    id: context.register(o, context.graphId(o, title), EntityKind.SOURCE),
    title,
    kind: enumValue(SourceKind, e.kind) ?? SourceKind.REPORT,
    reliability,
  };
  const publisher = text(e.publisher) ?? (context.ext(o) ? undefined : text(author?.name));
  if (publisher && !(author?.identity_class === 'system' && !context.ext(o)))
    source.publisher = clip(publisher, MAX_NAME);
  if (text(e.author)) source.author = clip(text(e.author), MAX_NAME);
  if (url) source.url = url;
  const published = context.ext(o) ? partialDate(e.published) : partialDate(o.published);
  if (published) source.published = published;
  if (text(o.description)) source.description = clip(text(o.description), MAX_TEXT);
  // The stricter of the marking and what the extension says: neither can lower the other. (The
  // graph's own export leaves a CLEAR source's level out of the extension: so does its re-import.)
  const levels = [enumValue(TlpLevel, e.tlp), context.markingTlp(o)].filter((l): l is Tlp => l !== undefined);
  const level = strictestTlp(levels);
  if (levels.length && (!context.ext(o) || e.tlp !== undefined || tlpAbove(level, TlpLevel.CLEAR))) source.tlp = level;
  context.tlpOfSource.set(source.id, source.tlp);
  context.sources.push(source);
  context.origin.set(source, o.id);
}
