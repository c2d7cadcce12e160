/**
 * Suggested grades, from DESIGN.md "Claims and reports" and seed/grading.json: what the source
 * says in its own voice gets the grade its reliability allows; what it attributes to others one
 * grade worse; an inference from the text at best 3; a claim's content 6 until corroborated.
 */
import { DEFAULT_CLAIM_CREDIBILITY } from '../../model/vocabulary';
import type { Credibility, SourceReliability, Voice } from './proposal.type';

/** Own-voice grade by reliability: one report alone is never "confirmed" (1). */
const OWN_VOICE: Readonly<Record<SourceReliability, Credibility>> = { A: 2, B: 2, C: 2, D: 3, E: 4, F: 6 };

export const INFERENCE_AT_BEST: Credibility = 3;
export const CLAIM_UNCORROBORATED = DEFAULT_CLAIM_CREDIBILITY as Credibility;

export function ownVoiceGrade(reliability: SourceReliability | undefined): Credibility {
  // A source whose reliability nobody has judged is graded as F: its truth cannot be judged.
  return OWN_VOICE[reliability ?? 'F'];
}

export function gradeFor(voice: Voice, reliability: SourceReliability | undefined): Credibility {
  const own = ownVoiceGrade(reliability);
  if (voice === 'STATED') return own;
  if (voice === 'ATTRIBUTED') return Math.min(6, own + 1) as Credibility;
  return Math.max(own, INFERENCE_AT_BEST) as Credibility;
}

/** The weaker of two voices: a relationship inferred from an attributed sentence is inferred. */
export function weakerVoice(a: Voice, b: Voice): Voice {
  const order: Voice[] = ['STATED', 'ATTRIBUTED', 'INFERRED'];
  return order[Math.max(order.indexOf(a), order.indexOf(b))];
}
