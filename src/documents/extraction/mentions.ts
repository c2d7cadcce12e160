/**
 * Mentions for the review page: every reference with what it was linked to (a known entity or a
 * proposed one) and the known entities it could be, ranked, so a curator can re-link it.
 */
import type { ExtractionContext } from './context';
import type { Ref } from './draft.type';
import type { Mention, MentionCandidate } from './proposal.type';
import { phraseFolds } from './text';

const LOCATIVE = new Set(['in', 'to', 'across', 'from', 'throughout', 'within', 'into', 'near', 'of']);
const MAX_CANDIDATES = 5;

export function buildMentions(ctx: ExtractionContext, proposalOf: Map<string, string>, cap: number): Mention[] {
  const byWord = new Map<string, Set<string>>();
  for (const known of ctx.input.knownEntities)
    // Only what the context holds as known (actors and places): a known event is no candidate.
    if (ctx.entities.get(known.id)?.known)
      for (const name of [known.name, ...known.aliases.slice(0, 50)])
        for (const word of phraseFolds(name)) {
          if (!byWord.has(word)) byWord.set(word, new Set());
          if (byWord.get(word)!.size < 200) byWord.get(word)!.add(known.id);
        }
  const mentions: Mention[] = [];
  for (const refs of ctx.refs)
    for (const r of refs) {
      if (mentions.length >= cap) return mentions;
      const id = chosen(ctx, r);
      if (!id) continue;
      const entity = ctx.entities.get(id);
      const mention: Mention = {
        start: r.start,
        end: r.end,
        surface: ctx.slice(r),
        candidates: candidates(ctx, r, byWord),
      };
      if (entity?.known) mention.entityId = id;
      else if (proposalOf.has(id)) mention.proposalId = proposalOf.get(id);
      else continue;
      mentions.push(mention);
    }
  return mentions;
}

/** The place after "in", "to", "across"; the actor otherwise. */
function chosen(ctx: ExtractionContext, r: Ref): string | undefined {
  if (r.actor && r.location) return LOCATIVE.has(ctx.tokens[r.from - 1]?.fold ?? '') ? r.location : r.actor;
  return r.actor ?? r.location;
}

function candidates(ctx: ExtractionContext, r: Ref, byWord: Map<string, Set<string>>): MentionCandidate[] {
  const words = phraseFolds(ctx.slice(r));
  const scores = new Map<string, number>();
  for (const word of words) for (const id of byWord.get(word) ?? []) scores.set(id, (scores.get(id) ?? 0) + 1);
  return [...scores.entries()]
    .map(([entityId, shared]) => {
      const known = ctx.entities.get(entityId)!;
      const best = Math.max(...[known.name, ...known.aliases.slice(0, 50)].map((name) => phraseFolds(name).length));
      return { entityId, score: Math.round((shared / Math.max(words.length, best)) * 1000) / 1000 };
    })
    .sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId))
    .slice(0, MAX_CANDIDATES);
}
