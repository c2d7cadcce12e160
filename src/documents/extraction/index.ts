/**
 * The extraction engine (issue 22): a document's text in, proposals out. Pure and deterministic:
 * no database, no network, no model; the same input gives the same sentences, mentions, proposals
 * and ids. It proposes, never decides: a curator accepts, edits or rejects each proposal.
 *
 * Passes, in order: words and sentences; the table's countries and regions; new names (cues,
 * acronyms, demonyms, counted groups, corridors); references (names, then anaphora); voices;
 * claims (reported speech, kept apart from facts); events and their participants; relationships
 * from cue phrases; inferences; proposals and mentions.
 */
import { BadUserInputError } from '../../errors';
import { ExtractionContext } from './context';
import { findClaims } from './claims';
import { discoverCorridors, discoverDemonymPhrases, discoverNames, discoverRepeated } from './discovery';
import { findOccurrences } from './events';
import { discoverGazetteer, gazetteerOf } from './gazetteer';
import { inferRelations } from './inferences';
import { buildMentions } from './mentions';
import { readParticipants } from './participants';
import type { ExtractionInput, ExtractionResult } from './proposal.type';
import { buildProposals } from './proposals';
import { anaphoraRefs, nameRefs } from './references';
import { readRelations } from './relations';
import { TABLES } from './tables';
import { splitSentences, tokenize } from './text';
import { sentenceVoices } from './voice';

export type * from './proposal.type';

/** 10 MB of text (UTF-16 code units): a long report is a few hundred kB. */
export const MAX_TEXT_LENGTH = 10 * 1024 * 1024;
/**
 * How much of a text is read: the first million characters (some 170,000 words, a few seconds
 * on this project's machines). A longer text is accepted; what lies past this is not extracted,
 * and the result says `truncated`. A long report (a UN panel's, 100,000 words) fits.
 */
export const MAX_EXTRACTED_LENGTH = 1_000_000;
export const MAX_KNOWN_ENTITIES = 100_000;
export const MAX_MENTIONS = 100_000;
export const MAX_PROPOSALS = 20_000;

function validate(input: ExtractionInput) {
  if (typeof input.text !== 'string') throw BadUserInputError.field('text', 'must be a string');
  if (input.text.length > MAX_TEXT_LENGTH)
    throw BadUserInputError.field(
      'text',
      `is ${input.text.length} characters; at most ${MAX_TEXT_LENGTH} are extracted`,
    );
  if (!Object.hasOwn(TABLES, input.language))
    throw BadUserInputError.field('language', `no extraction table for '${String(input.language)}'`);
  if (!input.documentId) throw BadUserInputError.field('documentId', 'is required: every proposal cites it');
  if (input.knownEntities.length > MAX_KNOWN_ENTITIES)
    throw BadUserInputError.field('knownEntities', `at most ${MAX_KNOWN_ENTITIES} known entities`);
  if (input.documentDate !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(input.documentDate))
    throw BadUserInputError.field('documentDate', 'must be YYYY, YYYY-MM or YYYY-MM-DD');
}

export function extractProposals(input: ExtractionInput): ExtractionResult {
  validate(input);
  const table = TABLES[input.language];
  const limit = Math.min(input.text.length, MAX_EXTRACTED_LENGTH);
  const tokens = tokenize(input.text, limit);
  const sentences = splitSentences(input.text, tokens, table, limit);
  const ctx = new ExtractionContext(input, table, tokens, sentences);
  const gazetteer = gazetteerOf(table);
  sentenceVoices(ctx);
  const uncued = new Map<string, number[]>();
  for (const sentence of sentences) {
    discoverGazetteer(ctx, gazetteer, sentence.index);
    discoverDemonymPhrases(ctx, gazetteer, sentence.index);
    discoverNames(ctx, gazetteer, sentence.index, uncued);
  }
  discoverRepeated(ctx, uncued);
  // Corridors need their regions' names, which may be typed only by a later sentence's cue.
  for (const sentence of sentences) discoverCorridors(ctx, sentence.index);
  nameRefs(ctx, gazetteer);
  anaphoraRefs(ctx);
  findClaims(ctx);
  for (const sentence of sentences) {
    readParticipants(ctx, sentence.index, findOccurrences(ctx, sentence.index));
    readRelations(ctx, sentence.index);
  }
  inferRelations(ctx);
  const { proposals, proposalOf } = buildProposals(ctx);
  return {
    sentences: sentences.map(({ start, end }) => ({ start, end })),
    mentions: buildMentions(ctx, proposalOf, MAX_MENTIONS),
    proposals: proposals.slice(0, MAX_PROPOSALS),
    truncated: ctx.truncated || limit < input.text.length || proposals.length > MAX_PROPOSALS,
  };
}
