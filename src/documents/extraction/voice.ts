/**
 * Whose voice a sentence is in: the source's own, or attributed to someone else ("According to
 * Malian media, ...", "Local media reports suggest that ..."). A sentence that goes on with
 * "These ..." or "They ..." continues the attributed passage before it.
 */
import type { ExtractionContext } from './context';
import type { Voice } from './proposal.type';
import { phraseAt } from './references';

const CONTINUATIONS = new Set(['these', 'this', 'those', 'they']);

/** "..., according to local sources.": the cue later in the sentence, a source noun right after it. */
function citedAtEnd(ctx: ExtractionContext, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const n = phraseAt(ctx, i, to, ctx.table.attributionCues);
    if (n && ctx.tokens.slice(i + n, Math.min(to, i + n + 3)).some((t) => ctx.table.sourceNouns.includes(t.fold)))
      return true;
  }
  return false;
}

export function sentenceVoices(ctx: ExtractionContext) {
  const { tokens, table } = ctx;
  ctx.voices = ctx.sentences.map(() => 'STATED' as Voice);
  ctx.sentences.forEach((sentence, index) => {
    const { from, to } = sentence;
    const n = phraseAt(ctx, from, to, table.attributionCues);
    let end = from + n;
    if (n) while (end < to && !tokens[end].gap.includes(',')) end++;
    const cited = tokens.slice(from + n, end).some((token) => table.sourceNouns.includes(token.fold));
    const saying = tokens
      .slice(from, Math.min(to, from + 6))
      .findIndex((token, k) => k > 0 && table.attributionVerbs.includes(token.fold));
    const subjectIsSource =
      saying > 0 && tokens.slice(from, from + saying).some((token) => table.sourceNouns.includes(token.fold));
    if ((n && cited) || subjectIsSource || citedAtEnd(ctx, from + 1, to)) ctx.voices[index] = 'ATTRIBUTED';
    else if (index > 0 && CONTINUATIONS.has(tokens[from].fold)) ctx.voices[index] = ctx.voices[index - 1];
  });
}
