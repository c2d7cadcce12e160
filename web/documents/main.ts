import { ApiError, graphql, orNotFound, problemText } from '../shared/api';
import { id as entityId } from '../explorer/state';
import { wireCredentialForm } from '../shared/credential-form';
import { byId, h, present } from '../shared/dom';
import { acceptWithDependencies, ChoiceError, decisionsFrom, type Choice } from './decisions';
import {
  DOCUMENT,
  DOCUMENT_META,
  INGEST,
  MAX_TEXT_SLICE,
  PROPOSALS,
  REVIEW,
  SEARCH_DOCUMENTS,
  type DocumentMeta,
  type Outcome,
  type ProposalData,
  type ReviewData,
  type SearchHit,
} from './queries';
import { proposalItem, type ReviewActions } from './review-panel';
import { segments, windowAround, type Highlight } from './segments';
import '../explorer/explorer.css';
import './documents.css';

/**
 * Documents in, and the curator's review: add a report (file or pasted text), read it with the
 * mentions highlighted, decide on what the extraction proposes, commit the decisions in one
 * transaction. The same page opens a document at an excerpt (`?id=…&start=…&end=…`): the
 * explorer links every piece of evidence that came from a document here.
 */

interface PageState {
  id?: string;
  focus?: { start: number; end: number };
}

function readState(search: string): PageState {
  const params = new URLSearchParams(search);

  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const focus =
    params.has('start') && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start
      ? { start, end }
      : undefined;
  return { id: entityId(params.get('id')), focus };
}

let state = readState(location.search);
let meta: DocumentMeta | undefined;
let text = { start: 0, value: '' };
let review: ReviewData | undefined;
let selected: ProposalData | undefined;
const choices = new Map<string, Choice>();
/** Said when the document being opened shows (e.g. that an upload was a duplicate). */
let pendingNotice: string | undefined;

function say(where: 'status' | 'review-status', message: string, kind: 'info' | 'error' = 'info'): void {
  const element = byId(where);
  element.textContent = message;
  element.dataset.kind = kind;
}

// ---- the text, with its highlights ---------------------------------------------------------

function highlights(): Highlight[] {
  const marks: Highlight[] = (review?.mentions ?? []).map((mention) => ({
    start: mention.start,
    end: mention.end,
    kind: mention.entityId ? 'mention known' : 'mention new',
    ref: mention.entityId ?? mention.proposalId ?? undefined,
  }));
  if (selected) marks.push({ start: selected.start, end: selected.end, kind: 'selected', ref: selected.id });
  if (state.focus) marks.push({ ...state.focus, kind: 'focus' });
  return marks;
}

function renderText(): void {
  const article = byId('document');
  const end = text.start + text.value.length;
  const pieces = segments(text.start, end, highlights()).map((segment) => {
    const words = text.value.slice(segment.start - text.start, segment.end - text.start);
    if (segment.covering.length === 0) return words;
    const kinds = new Set(segment.covering.flatMap((mark) => mark.kind.split(' ')));
    const mention = segment.covering.find((mark) => mark.kind.startsWith('mention'));
    return h(
      'mark',
      {
        class: [...kinds].join(' '),
        'data-start': String(segment.start),
        title: mention?.ref ? `${kinds.has('known') ? 'known entity' : 'proposed entity'}: ${mention.ref}` : undefined,
      },
      words,
    );
  });
  article.replaceChildren(
    ...present(
      text.start > 0 ? h('p', { class: 'hint' }, `… characters 0–${text.start} not shown`) : null,
      h('div', { class: 'text-body' }, ...pieces),
      meta && end < meta.length ? h('p', { class: 'hint' }, `… characters ${end}–${meta.length} not shown`) : null,
    ),
  );
}

function scrollTo(selector: string): void {
  const target = byId('document').querySelector(selector);
  target?.scrollIntoView({ block: 'center' });
}

function renderMeta(): void {
  const container = byId('document-meta');
  if (!meta) {
    container.replaceChildren(h('h2', { id: 'document-title' }, 'No document open'));
    return;
  }
  const line = [
    meta.author,
    meta.publisher,
    meta.undated ? 'undated' : meta.published?.value,
    `reliability ${meta.reliability}`,
    `TLP:${meta.tlp.replace('_', '+')}`,
    meta.language,
    `${meta.length.toLocaleString('en')} characters`,
  ].filter(Boolean);
  container.replaceChildren(
    h('h2', { id: 'document-title' }, meta.title),
    h('p', { class: 'hint' }, line.join(' · '), ' · source id ', h('code', {}, meta.id)),
    ...present(meta.url ? h('p', { class: 'hint' }, 'Address: ', meta.url) : null),
  );
}

// ---- the proposals and the choices ---------------------------------------------------------

const reviewActions: ReviewActions = {
  show(proposal) {
    selected = proposal;
    renderText();
    scrollTo('mark.selected');
  },
  choose(proposal, choice) {
    if (choice?.action === 'ACCEPT' && review) acceptWithDependencies(choices, review.proposals, proposal.id);
    else if (choice) choices.set(proposal.id, choice);
    else choices.delete(proposal.id);
    renderProposals();
  },
};

function renderProposals(): void {
  const list = byId('proposals');
  if (!review) {
    list.replaceChildren();
    return;
  }
  list.replaceChildren(
    ...review.proposals.map((proposal) =>
      proposalItem(proposal, choices.get(proposal.id), review!.mentions, reviewActions),
    ),
  );
  const pending = review.proposals.filter((proposal) => proposal.status === 'PENDING').length;
  say(
    'review-status',
    `${review.proposals.length} proposals, ${pending} pending, ${choices.size} chosen` +
      `${review.truncated ? ' · the document is longer than the extraction reads: the rest is not proposed' : ''}`,
  );
}

function setAllPending(action: 'ACCEPT' | 'REJECT'): void {
  for (const proposal of review?.proposals ?? [])
    if (proposal.status === 'PENDING') choices.set(proposal.id, { action });
  renderProposals();
}

async function submit(dryRun: boolean): Promise<void> {
  if (!state.id || !review) return;
  let decisions;
  try {
    decisions = decisionsFrom(choices, review.proposals);
  } catch (error) {
    if (error instanceof ChoiceError)
      byId('proposals')
        .querySelector(`li[data-id="${CSS.escape(error.proposalId)}"]`)
        ?.scrollIntoView({ block: 'center' });
    say('review-status', problemText(error), 'error');
    return;
  }
  if (decisions.length === 0) {
    say('review-status', 'Choose a decision on at least one pending proposal.', 'error');
    return;
  }
  say('review-status', dryRun ? 'Checking…' : 'Committing…');
  try {
    const { reviewProposals: outcome } = await graphql<{ reviewProposals: Outcome }>(REVIEW, {
      id: state.id,
      decisions,
      dryRun,
    });
    const counts =
      `${outcome.accepted.length} accepted, ${outcome.edited.length} edited, ${outcome.linked.length} linked, ` +
      `${outcome.rejected.length} rejected; ${outcome.nodes.created} entities and ` +
      `${outcome.relationships.created} relationships created`;
    if (!dryRun) {
      choices.clear();
      await loadReview();
    }
    say('review-status', dryRun ? `Dry run, nothing written: would be ${counts}.` : `Committed: ${counts}.`);
    byId('review-status').dataset.outcome = dryRun ? 'checked' : 'committed';
  } catch (error) {
    say('review-status', problemText(error), 'error');
  }
}

// ---- loading ---------------------------------------------------------------------------------

async function loadReview(): Promise<void> {
  if (!state.id) return;
  try {
    review = (await graphql<{ proposals: ReviewData }>(PROPOSALS, { id: state.id })).proposals;
  } catch (error) {
    review = undefined;
    const needsEditor = error instanceof ApiError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED');
    say(
      'review-status',
      needsEditor ? 'Reviewing proposals needs an editor’s key or token.' : problemText(error),
      'error',
    );
  }
  renderProposals();
  renderText();
}

async function load(): Promise<void> {
  document.body.dataset.loading = 'true';
  meta = undefined;
  review = undefined;
  selected = undefined;
  choices.clear();
  renderMeta();
  try {
    if (!state.id) {
      text = { start: 0, value: '' };
      say('status', 'Add a document, or find one by the words in its text.');
      return;
    }
    say('status', 'Loading…');
    const first = await orNotFound(graphql<{ document: DocumentMeta | null }>(DOCUMENT_META, { id: state.id }));
    if (!first?.document) {
      say('status', `No document "${state.id}" (or not at your clearance).`, 'error');
      return;
    }
    meta = first.document;
    const slice = windowAround(meta.length, MAX_TEXT_SLICE, state.focus?.start);
    const read = await graphql<{ document: { text: string } }>(DOCUMENT, { id: state.id, ...slice });
    text = { start: slice.start, value: read.document.text };
    renderMeta();
    renderText();
    say(
      'status',
      pendingNotice ?? (state.focus ? `Showing characters ${state.focus.start}–${state.focus.end}, highlighted.` : ''),
    );
    pendingNotice = undefined;
    if (state.focus) scrollTo('mark.focus');
    await loadReview();
    if (state.focus) scrollTo('mark.focus');
  } catch (error) {
    say('status', problemText(error), 'error');
  } finally {
    document.body.dataset.loading = 'false';
  }
}

/** Opens a document (at an excerpt); `notice` is said once it shows. */
function open(id: string, focus?: { start: number; end: number }, notice?: string): void {
  state = { id, focus };
  pendingNotice = notice;
  const query = new URLSearchParams({ id, ...(focus ? { start: String(focus.start), end: String(focus.end) } : {}) });
  history.pushState(null, '', `${location.pathname}?${query}`);
  void load();
}

// ---- adding a document ---------------------------------------------------------------------

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

function fileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

function field(id: string): string | undefined {
  const value = byId<HTMLInputElement>(id).value.trim();
  return value || undefined;
}

async function ingest(): Promise<void> {
  const file = byId<HTMLInputElement>('doc-file').files?.[0];
  const pasted = byId<HTMLTextAreaElement>('doc-paste').value;
  if (!file && !pasted.trim()) throw new Error('Choose a file or paste the text.');
  if (file && file.size > MAX_UPLOAD_BYTES) throw new Error(`${file.name} is over 10 MB: the service refuses it.`);
  const undated = byId<HTMLInputElement>('doc-undated').checked;
  const published = field('doc-published');
  if (!undated && !published) throw new Error('Give the published date, or tick “The document states no date”.');
  const input = {
    ...(file
      ? { content: await fileAsBase64(file), filename: file.name, mediaType: file.type || undefined }
      : { text: pasted }),
    title: field('doc-title'),
    author: field('doc-author'),
    publisher: field('doc-publisher'),
    url: field('doc-url'),
    published: undated ? undefined : published,
    undated,
    kind: byId<HTMLSelectElement>('doc-kind').value,
    reliability: byId<HTMLSelectElement>('doc-reliability').value,
    tlp: byId<HTMLSelectElement>('doc-tlp').value,
    language: field('doc-language'),
  };
  const { ingestDocument: added } = await graphql<{ ingestDocument: DocumentMeta }>(INGEST, { input }).catch(
    (error: unknown) => {
      // The request body cap (MAX_BODY_BYTES, 1 MB by default; 5 MB for an admin) comes before the
      // 10 MB document cap, and a file travels base64 (a third larger).
      if (error instanceof ApiError && error.status === 413)
        throw new Error(
          'The file is larger than the service takes in one request from your role: add it with `npm run ingest FILE` on the server.',
        );
      throw error;
    },
  );
  byId<HTMLFormElement>('ingest-form').reset();
  open(
    added.id,
    undefined,
    added.duplicate ? 'The same text is already held: this is that document (nothing was written).' : undefined,
  );
}

byId('ingest-form').addEventListener('submit', (event) => {
  event.preventDefault();
  say('status', 'Adding the document…');
  ingest().catch((error: unknown) => say('status', problemText(error), 'error'));
});

// ---- finding a document ---------------------------------------------------------------------

byId('find-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const words = byId<HTMLInputElement>('find-text').value.trim();
  if (!words) return;
  graphql<{ searchDocuments: { hits: SearchHit[] } }>(SEARCH_DOCUMENTS, { query: words })
    .then(({ searchDocuments }) => {
      const results = byId('find-results');
      results.replaceChildren(
        ...searchDocuments.hits.map((hit) => {
          const link = h('button', { type: 'button', class: 'as-link' }, hit.document.title);
          link.addEventListener('click', () =>
            open(
              hit.document.id,
              hit.start != null && hit.end != null ? { start: hit.start, end: hit.end } : undefined,
            ),
          );
          return h('li', {}, link, h('p', { class: 'hint' }, hit.snippet));
        }),
      );
      if (searchDocuments.hits.length === 0)
        results.replaceChildren(h('li', { class: 'hint' }, 'No document has these words.'));
    })
    .catch((error: unknown) => say('status', problemText(error), 'error'));
});

byId('accept-all').addEventListener('click', () => setAllPending('ACCEPT'));
byId('reject-all').addEventListener('click', () => setAllPending('REJECT'));
byId('clear-choices').addEventListener('click', () => {
  choices.clear();
  renderProposals();
});
byId('check-review').addEventListener('click', () => void submit(true));
byId('commit-review').addEventListener('click', () => void submit(false));
window.addEventListener('popstate', () => {
  state = readState(location.search);
  void load();
});

wireCredentialForm(() => void load());
void load();
