/**
 * Where a record's excerpt stands in a stored document (issue 22, provenance back to the
 * sentence): set by a document review (src/documents/review) as `excerptSourceId`,
 * `excerptStart`, `excerptEnd`; absent on hand-written records.
 */
export interface ExcerptOffsets {
  sourceId: string;
  start: number;
  end: number;
}

export function excerptOffsetsOf(props: Record<string, unknown>): ExcerptOffsets | null {
  const { excerptSourceId, excerptStart, excerptEnd } = props;
  if (typeof excerptSourceId !== 'string' || excerptStart === null || excerptStart === undefined) return null;
  if (excerptEnd === null || excerptEnd === undefined) return null;
  return { sourceId: excerptSourceId, start: Number(excerptStart), end: Number(excerptEnd) };
}
