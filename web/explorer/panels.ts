import { contestedReason } from './contested';
import { h, present } from './dom';
import { hopKey, type ViewEdge, type ViewModel } from './model';
import type { EntityDetails, HopData, PathData, SourceRef, TimelineEntry } from './queries';
import { credibilityInWords, sentence } from './words';

/** The side panel: the selected entity or link, the paths with their evidence, a timeline. */

export interface PanelActions {
  select(id: string): void;
  setFrom(id: string): void;
  setTo(id: string): void;
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

function evidence(excerpt: string, credibility: number, sources: SourceRef[]): HTMLElement[] {
  return [
    h('blockquote', { class: 'excerpt' }, excerpt),
    h('p', { class: 'grade' }, credibilityInWords(credibility)),
    h('ul', { class: 'sources', 'aria-label': 'Sources' }, ...sources.map(sourceLine)),
  ];
}

function hopItem(hop: HopData, model: ViewModel): HTMLElement {
  const subject = hop.direction === 'INCOMING' ? hop.to : hop.from;
  const object = hop.direction === 'INCOMING' ? hop.from : hop.to;
  const contested = model.edges.get(hopKey(hop))?.contested ?? false;
  return h(
    'li',
    { class: contested ? 'hop contested' : 'hop', 'data-contested': String(contested), 'data-type': hop.type },
    h('p', { class: 'sentence' }, sentence(subject, hop.type, object, hop.role)),
    contested ? h('p', { class: 'contested-badge' }, `◆ contested: ${contestedReason({ type: hop.type })}`) : null,
    ...evidence(hop.excerpt, hop.credibility, hop.sources),
  );
}

function pathBlock(title: string, path: PathData, model: ViewModel, best: boolean): HTMLElement {
  return h(
    'section',
    { class: best ? 'path best' : 'path alternative' },
    h('h3', {}, title),
    h(
      'p',
      { class: 'path-summary' },
      `${path.length} hop${path.length === 1 ? '' : 's'}, evidence score ${path.score.toFixed(3)}`,
      path.viaAllegation ? ' · passes through an allegation' : '',
    ),
    h('ol', { class: 'hops' }, ...path.hops.map((hop) => hopItem(hop, model))),
  );
}

export function renderPaths(container: HTMLElement, model: ViewModel, ends: { from?: string; to?: string }, names: (id: string) => string): void {
  container.replaceChildren();
  if (!ends.from || !ends.to) {
    if (ends.from || ends.to) container.append(h('p', { class: 'hint' }, 'Pick the other end of the path: select an entity and choose "Path to here" or "Path from here".'));
    return;
  }
  container.append(h('h2', {}, `Paths: ${names(ends.from)} → ${names(ends.to)}`));
  if (!model.best) {
    container.append(h('p', { class: 'hint' }, 'No path within 4 hops with these filters.'));
    return;
  }
  container.append(pathBlock('Shortest path (best-evidenced)', model.best, model, true));
  model.alternatives.forEach((path, index) => {
    const details = h('details', { class: 'alternative-path' }, h('summary', {}, `Next best path ${index + 1}: ${path.length} hops, score ${path.score.toFixed(3)}`));
    details.append(pathBlock(`Next best path ${index + 1}`, path, model, false));
    container.append(details);
  });
}

export function renderEntity(container: HTMLElement, entity: EntityDetails, actions: PanelActions): void {
  container.replaceChildren(
    ...present(
    h('h2', {}, entity.name),
    h('p', { class: 'kind' }, [entity.__typename, entity.actorKind, entity.status].filter(Boolean).join(' · ').toLowerCase().replace(/_/g, ' ')),
    entity.aliases.length > 0 ? h('p', { class: 'aliases' }, `Also: ${entity.aliases.join(', ')}`) : null,
    entity.description ? h('p', { class: 'description' }, entity.description) : null,
    ...(entity.excerpt && entity.credibility ? evidence(entity.excerpt, entity.credibility, entity.sources) : []),
    h(
      'div',
      { class: 'actions' },
      button('Path from here', () => actions.setFrom(entity.id)),
      button('Path to here', () => actions.setTo(entity.id)),
    ),
    ),
  );
}

export function renderEdge(container: HTMLElement, edge: ViewEdge, names: (id: string) => { name: string; __typename: string }): void {
  const validity = [edge.validFrom && `from ${edge.validFrom}`, edge.validTo && `until ${edge.validTo}`].filter(Boolean).join(' ');
  container.replaceChildren(
    ...present(
    h('h2', {}, edge.type.replace(/_/g, ' ').toLowerCase()),
    h('p', { class: 'sentence' }, sentence(names(edge.source), edge.type, names(edge.target), edge.role)),
    edge.contested ? h('p', { class: 'contested-badge' }, `◆ contested: ${contestedReason(edge)}`) : null,
    validity ? h('p', {}, `Valid ${validity}`) : null,
    ...evidence(edge.excerpt, edge.credibility, edge.sources),
    ),
  );
}

export function renderTimeline(container: HTMLElement, actorName: string, entries: TimelineEntry[], total: number, actions: PanelActions): void {
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
              entry.places.length > 0 ? h('span', { class: 'where' }, ` · ${entry.places.map((p) => p.name).join(', ')}`) : null,
            );
          }),
        ),
    total > entries.length ? h('p', { class: 'hint' }, `${total - entries.length} more in the API's timeline.`) : null,
    ),
  );
}

/** The view as a list: every node (keyboard-reachable) and every link with its marks. */
export function renderViewList(container: HTMLElement, model: ViewModel, actions: PanelActions): void {
  const nodes = [...model.nodes.values()].sort((a, b) => a.name.localeCompare(b.name));
  const links = [...model.edges.values()];
  const name = (id: string) => model.nodes.get(id)?.name ?? id;
  container.replaceChildren(
    h('h3', {}, `Entities (${nodes.length})`),
    h('ul', { class: 'node-list' }, ...nodes.map((node) => h('li', { 'data-id': node.id }, button(node.name, () => actions.select(node.id), 'link'), ` · ${node.kind.toLowerCase()}`))),
    h('h3', {}, `Links (${links.length})`),
    h(
      'ul',
      { class: 'edge-list' },
      ...links.map((edge) =>
        h(
          'li',
          { 'data-key': edge.key, 'data-contested': String(edge.contested), 'data-on-path': String(model.bestKeys.has(edge.key) || model.alternativeKeys.has(edge.key)) },
          `${name(edge.source)} ${edge.type} ${name(edge.target)}`,
          edge.contested ? ' (contested)' : '',
        ),
      ),
    ),
  );
}

export function button(label: string, onClick: () => void, kind?: 'link'): HTMLButtonElement {
  const element = h('button', { type: 'button', class: kind === 'link' ? 'as-link' : undefined }, label);
  element.addEventListener('click', onClick);
  return element;
}
