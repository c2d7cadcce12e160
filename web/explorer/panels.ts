import { entityMarks, hopMarks, markInWords, reasonsToSay, type LinkMark } from './contested';
import { h, present } from '../shared/dom';
import { rovingList } from './keyboard';
import { hopEnds, named, type ViewEdge, type ViewModel } from './model';
import type { EntityDetails, EvidenceSpan, HopData, PathData, SourceRef, StepData, TimelineEntry } from './queries';
import { credibilityInWords, kindWord, sentence } from './words';

/** The side panel: the selected entity or link, the paths with their evidence, a timeline. */

export interface PanelActions {
  select(id: string): void;
  setFrom(id: string): void;
  setTo(id: string): void;
  /** Opens a link's panel (its sentence, grades and evidence), as clicking it in the graph does. */
  openLink(key: string): void;
}

function sourceLine(source: SourceRef): HTMLElement {
  const where = [source.publisher, source.published?.value].filter(Boolean).join(', ');
  return h(
    'li',
    { class: 'source' },
    h('cite', {}, source.title),
    where ? ` (${where})` : '',
    ' — ',
    h('span', { class: 'grade' }, `reliability ${source.reliability}: ${source.reliabilityMeaning}`),
  );
}

/** The grades in words: a claim link has two, the claim's and the report's that it was made. */
function grades(credibility: number, claimCredibility?: number): HTMLElement[] {
  if (claimCredibility === undefined) return [h('p', { class: 'grade' }, credibilityInWords(credibility))];
  return [
    h('p', { class: 'grade claim-grade' }, `The claim: ${credibilityInWords(claimCredibility)}`),
    h('p', { class: 'grade report-grade' }, `The report that it was made: ${credibilityInWords(credibility)}`),
  ];
}

/** The documents page at an excerpt's offsets: the investigator reads the sentence in its place. */
export function documentLink(span: EvidenceSpan): string | undefined {
  if (span.start == null || span.end == null) return undefined;
  const query = new URLSearchParams({ id: span.source.id, start: String(span.start), end: String(span.end) });
  return `/documents?${query.toString()}`;
}

function evidence(
  excerpt: string,
  gradeLines: HTMLElement[],
  sources: SourceRef[],
  spans: readonly EvidenceSpan[] = [],
): HTMLElement[] {
  const titles = new Map(sources.map((source) => [source.id, source.title]));
  const opens = spans.flatMap((span) => {
    const href = documentLink(span);
    if (!href) return [];
    const title = titles.get(span.source.id) ?? span.source.id;
    return [
      h('a', { class: 'open-document', href, 'data-source': span.source.id }, `Open “${title}” at this sentence`),
    ];
  });
  return [
    h('blockquote', { class: 'excerpt' }, excerpt),
    ...opens.map((link) => h('p', { class: 'document-link' }, link)),
    ...gradeLines,
    h('ul', { class: 'sources', 'aria-label': 'Sources' }, ...sources.map(sourceLine)),
  ];
}

function markBadges(marks: LinkMark[]): HTMLElement[] {
  return reasonsToSay(marks).map((mark) => h('p', { class: `mark-badge ${mark}` }, markInWords(mark)));
}

/**
 * A claim hop is scored by the claim's grade (Hop.credibility) rather than the link's own
 * (Hop.reportCredibility): a link out of an allegation to what it alleges, or any hop where the API
 * graded the two apart.
 */
function isClaimHop(hop: HopData): boolean {
  const source = hopEnds(hop).source === hop.from.id ? hop.from : hop.to;
  return (
    hop.credibility !== hop.reportCredibility ||
    (source.__typename === 'Allegation' && (hop.type === 'ACCUSES' || hop.type === 'CONCERNS'))
  );
}

/** One hop: the API's own sentence (with grade and source), why it is marked, its evidence. */
function hopItem(hop: HopData, step: StepData | undefined): HTMLElement {
  const marks = hopMarks(hop);
  return h(
    'li',
    {
      class: ['hop', marks.length > 0 ? 'marked' : '', ...marks].filter(Boolean).join(' '),
      'data-type': hop.type,
      'data-marks': marks.join(' '),
      'data-contested': String(hop.contested),
      'data-hypothetical': String(hop.hypothetical),
    },
    h('p', { class: 'sentence' }, step?.sentence ?? `${hop.from.name} ${hop.type} ${hop.to.name}`),
    ...markBadges(marks),
    ...evidence(
      hop.excerpt,
      [
        ...(step ? [h('p', { class: 'grade admiralty' }, `Grade ${step.grade}: ${step.gradeMeaning}`)] : []),
        ...grades(hop.reportCredibility, isClaimHop(hop) ? hop.credibility : undefined),
      ],
      hop.sources,
      hop.evidence,
    ),
  );
}

function pathBlock(title: string, path: PathData, best: boolean): HTMLElement {
  const badges = [path.contested ? 'contested' : '', path.hypothetical ? 'hypothetical' : ''].filter(Boolean);
  return h(
    'section',
    {
      class: best ? 'path best' : 'path alternative',
      'data-contested': String(path.contested),
      'data-hypothetical': String(path.hypothetical),
    },
    h('h3', {}, title),
    h(
      'p',
      { class: 'path-summary' },
      `${path.length} hop${path.length === 1 ? '' : 's'}, evidence score ${path.score.toFixed(3)}`,
      path.viaAllegation ? ' · passes through an allegation' : '',
    ),
    ...present(
      badges.length > 0
        ? h(
            'p',
            { class: 'path-badges', 'aria-label': 'Path flags' },
            ...badges.map((badge) => h('span', { class: `path-badge ${badge}` }, badge)),
          )
        : null,
    ),
    h('ol', { class: 'hops' }, ...path.hops.map((hop, index) => hopItem(hop, path.steps[index]))),
  );
}

export function renderPaths(
  container: HTMLElement,
  model: ViewModel,
  ends: { from?: string; to?: string },
  names: (id: string) => string,
): void {
  container.replaceChildren();
  if (!ends.from || !ends.to) {
    if (ends.from || ends.to)
      container.append(
        h(
          'p',
          { class: 'hint' },
          'Pick the other end of the path: select an entity and choose "Path to here" or "Path from here".',
        ),
      );
    return;
  }
  container.append(h('h2', {}, `Paths: ${names(ends.from)} → ${names(ends.to)}`));
  if (!model.best) {
    container.append(h('p', { class: 'hint' }, 'No path within 4 hops with these filters.'));
    return;
  }
  container.append(pathBlock('Shortest path (best-evidenced)', model.best, true));
  model.alternatives.forEach((path, index) => {
    const flags = [path.contested ? 'contested' : '', path.hypothetical ? 'hypothetical' : ''].filter(Boolean);
    const summary = `Next best path ${index + 1}: ${path.length} hops, score ${path.score.toFixed(3)}${flags.length > 0 ? ` · ${flags.join(', ')}` : ''}`;
    const details = h('details', { class: 'alternative-path' }, h('summary', {}, summary));
    details.append(pathBlock(`Next best path ${index + 1}`, path, false));
    container.append(details);
  });
}

/**
 * An entity's grades: an allegation has two, what it claims (claimCredibility) and the report
 * that it was made (credibility), each labelled, so a denied claim never reads "probably true".
 */
function entityGrades(entity: EntityDetails): HTMLElement[] {
  if (!entity.credibility) return [];
  const claim = entity.__typename === 'Allegation' ? (entity.claimCredibility ?? undefined) : undefined;
  return grades(entity.credibility, claim);
}

function statusLine(entity: EntityDetails): HTMLElement | null {
  const status = entity.status ?? entity.eventStatus;
  if (!status) return null;
  return h(
    'p',
    { class: 'entity-status', 'data-status': status },
    `Status: ${status.toLowerCase().replace(/_/g, ' ')}`,
  );
}

/**
 * The selected entity: name, kind, status with its marks (a contested claim, an event that did
 * not happen), its grades, its evidence. `marks` are the view's (contested.ts over the whole
 * view, which knows who denies a claim); without them the entity's own status decides.
 */
export function renderEntity(
  container: HTMLElement,
  entity: EntityDetails,
  actions: PanelActions,
  view: { label?: string; marks?: LinkMark[] } = {},
): void {
  const marks = view.marks ?? entityMarks({ kind: entity.__typename, status: entity.status ?? entity.eventStatus });
  const gradeLines = entityGrades(entity);
  container.replaceChildren(
    ...present(
      h('h2', {}, view.label ?? entity.name),
      h(
        'p',
        { class: 'kind' },
        [entity.__typename, entity.actorKind, entity.locationKind, entity.eventType]
          .filter(Boolean)
          .join(' · ')
          .toLowerCase()
          .replace(/_/g, ' '),
      ),
      statusLine(entity),
      ...markBadges(marks),
      entity.aliases.length > 0 ? h('p', { class: 'aliases' }, `Also: ${entity.aliases.join(', ')}`) : null,
      entity.description ? h('p', { class: 'description' }, entity.description) : null,
      ...(entity.excerpt ? evidence(entity.excerpt, gradeLines, entity.sources) : gradeLines),
      h(
        'div',
        { class: 'actions' },
        button('Path from here', () => actions.setFrom(entity.id)),
        button('Path to here', () => actions.setTo(entity.id)),
      ),
    ),
  );
}

/**
 * A link's panel. `back`, when the link was opened from the list, adds a button that returns
 * there, so a keyboard user reads one link's evidence and goes on to the next.
 */
export function renderEdge(container: HTMLElement, edge: ViewEdge, model: ViewModel, back?: () => void): void {
  const validity = [edge.validFrom && `from ${edge.validFrom}`, edge.validTo && `until ${edge.validTo}`]
    .filter(Boolean)
    .join(' ');
  container.replaceChildren(
    ...present(
      h('h2', {}, edge.type.replace(/_/g, ' ').toLowerCase()),
      // The API's sentence when a path brought one; neighbourhood edges have none, so it is composed here.
      h(
        'p',
        { class: 'sentence' },
        edge.sentence ?? sentence(named(model, edge.source), edge.type, named(model, edge.target), edge.role),
      ),
      edge.role ? h('p', { class: 'role' }, `Role: ${edge.role.toLowerCase()}`) : null,
      ...markBadges(edge.marks),
      validity ? h('p', {}, `Valid ${validity}`) : null,
      ...evidence(edge.excerpt, grades(edge.credibility, edge.claimCredibility), edge.sources, edge.evidence),
      back ? h('div', { class: 'actions' }, button('Back to the links in view', back)) : null,
    ),
  );
}

export function renderTimeline(
  container: HTMLElement,
  actorName: string,
  entries: TimelineEntry[],
  total: number,
  actions: PanelActions,
): void {
  container.replaceChildren(
    ...present(
      h('h2', {}, `Timeline: ${actorName}`),
      entries.length === 0
        ? h('p', { class: 'hint' }, 'No events recorded for this actor.')
        : h(
            'ol',
            { class: 'timeline' },
            ...entries.map((entry) => {
              const when = [entry.event.start?.value ?? 'undated', entry.event.end?.value].filter(Boolean).join(' – ');
              const roles = entry.participants.map((p) => `${p.actor.name} (${p.role.toLowerCase()})`).join(', ');
              return h(
                'li',
                {},
                h('time', {}, when),
                ' ',
                button(entry.event.name, () => actions.select(entry.event.id), 'link'),
                roles ? h('span', { class: 'who' }, ` — ${roles}`) : null,
                entry.places.length > 0
                  ? h('span', { class: 'where' }, ` · ${entry.places.map((p) => p.name).join(', ')}`)
                  : null,
              );
            }),
          ),
      total > entries.length
        ? h('p', { class: 'hint' }, `${total - entries.length} more in the API's timeline.`)
        : null,
    ),
  );
}

/** A link as the list and the panel say it: the API's sentence when a path brought one. */
function linkSentence(model: ViewModel, edge: ViewEdge): string {
  return edge.sentence ?? sentence(named(model, edge.source), edge.type, named(model, edge.target), edge.role);
}

/**
 * The view as a list: every entity and every link a button (an entity selects it, a link opens
 * its evidence), each list one tab stop moved through with the arrow keys (keyboard.ts).
 */
export function renderViewList(container: HTMLElement, model: ViewModel, actions: PanelActions): void {
  const nodes = [...model.nodes.values()].sort((a, b) => a.label.localeCompare(b.label));
  const links = [...model.edges.values()];
  const nodeList = h(
    'ul',
    { class: 'node-list', 'aria-label': 'Entities in view (arrow keys move, Enter selects)' },
    ...nodes.map((node) =>
      h(
        'li',
        { 'data-id': node.id, 'data-marks': node.marks.join(' ') },
        button(node.label, () => actions.select(node.id), 'link'),
        ` · ${kindWord(node)}`,
        ...reasonsToSay(node.marks)
          .filter((mark) => mark !== 'claim')
          .map((mark) => ` · ${markInWords(mark)}`),
      ),
    ),
  );
  const linkList = h(
    'ul',
    { class: 'edge-list', id: 'link-list', 'aria-label': 'Links in view (arrow keys move, Enter opens the evidence)' },
    ...links.map((edge) => {
      const open = button(linkSentence(model, edge), () => actions.openLink(edge.key), 'link');
      open.dataset.rove = edge.key;
      return h(
        'li',
        {
          'data-key': edge.key,
          'data-marks': edge.marks.join(' '),
          'data-on-path': String(model.bestKeys.has(edge.key) || model.alternativeKeys.has(edge.key)),
        },
        open,
        ...reasonsToSay(edge.marks).map((mark) => ` · ${markInWords(mark)}`),
      );
    }),
  );
  rovingList(nodeList);
  rovingList(linkList);
  container.replaceChildren(
    h('h3', {}, `Links (${links.length})`),
    linkList,
    h('h3', {}, `Entities (${nodes.length})`),
    nodeList,
  );
}

/** Focuses the button of a link in the list (back from its panel), making it the list's tab stop. */
export function focusListedLink(container: HTMLElement, key: string): void {
  const buttons = [...container.querySelectorAll<HTMLButtonElement>('#link-list > li > button')];
  const target = buttons.find((item) => item.dataset.rove === key);
  if (!target) return;
  for (const item of buttons) item.tabIndex = item === target ? 0 : -1;
  target.focus();
}

export function button(label: string, onClick: () => void, kind?: 'link'): HTMLButtonElement {
  const element = h('button', { type: 'button', class: kind === 'link' ? 'as-link' : undefined }, label);
  element.addEventListener('click', onClick);
  return element;
}
