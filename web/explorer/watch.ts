import { graphql, problemText } from '../shared/api';
import { loadCredential } from '../shared/credential';
import { byId, h } from '../shared/dom';
import { ALERTS, WATCH_ENTITY, WATCH_PAIR, type AlertAnswer, type AlertData } from './queries';
import { formatState } from './state';

/**
 * Watchlists in the explorer (docs/watchlists.md): a "Watch" button on an entity's panel and on
 * a path, and the notifications panel: your alerts, newest first, each with the answer before
 * and after and a link that opens the path (or the entity). Read or not is this browser's own
 * note (localStorage: the newest alert number seen), not the server's.
 */

const SEEN_KEY = 'sahel-graph.alerts-seen';
/** Alerts the panel lists. */
const SHOWN = 20;
/** How often the panel asks again while the page is open. */
export const ALERTS_POLL_MS = 15_000;

type Say = (message: string, kind?: 'info' | 'error') => void;

function seen(): number {
  return Number(localStorage.getItem(SEEN_KEY) ?? '0') || 0;
}

/** A button that watches, and says so on itself and in the status line. */
function watchButton(id: string, label: string, watch: () => Promise<unknown>, say: Say): HTMLButtonElement {
  const button = h('button', { type: 'button', id, class: 'watch-button' }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await watch();
      button.textContent = 'Watching';
      say('Watching: alerts appear under “Alerts” when the answer changes.');
    } catch (error) {
      button.disabled = false;
      say(problemText(error), 'error');
    }
  });
  return button;
}

export function watchEntityButton(entityId: string, say: Say): HTMLButtonElement {
  return watchButton('watch-entity', 'Watch this entity', () => graphql(WATCH_ENTITY, { entityId }), say);
}

export function watchPathButton(fromId: string, toId: string, minCredibility: number | undefined, say: Say) {
  return watchButton(
    'watch-path',
    'Watch this path',
    () => graphql(WATCH_PAIR, { fromId, toId, minCredibility: minCredibility ?? null }),
    say,
  );
}

const REASON_WORDS: Record<string, string> = {
  PATH_FOUND: 'a path appeared',
  PATH_LOST: 'the path is gone',
  SHORTER: 'shorter',
  LONGER: 'longer',
  ROUTE_CHANGED: 'another route',
  SCORE_UP: 'better score',
  SCORE_DOWN: 'worse score',
  CLAIM_CORROBORATED: 'a claim corroborated',
  CLAIM_DENIED: 'a claim denied',
  RETRACTED: 'retracted',
  EVIDENCE_CHANGED: 'evidence changed',
  ENTITY_CHANGED: 'changed',
};

function answerBlock(label: string, className: string, answer: AlertAnswer | null): HTMLElement {
  const text = !answer ? '' : answer.found ? (answer.explanation ?? '') : 'No path within the hops watched.';
  return h('div', { class: `alert-answer ${className}` }, h('strong', {}, label), h('p', {}, text));
}

function alertItem(alert: AlertData, unread: boolean): HTMLElement {
  const pair = alert.kind === 'PAIR';
  const title = pair ? `${alert.fromId} → ${alert.toId}` : `${alert.entityId}`;
  const view = pair
    ? { expanded: [], from: alert.fromId!, to: alert.toId!, filters: { types: [] } }
    : { expanded: [alert.entityId!], selected: alert.entityId!, filters: { types: [] } };
  const item = h(
    'li',
    { class: unread ? 'alert unread' : 'alert', 'data-alert': alert.id },
    h(
      'p',
      { class: 'alert-title' },
      h('strong', {}, title),
      ` · ${alert.reasons.map((r) => REASON_WORDS[r] ?? r).join(', ')}`,
    ),
    h('p', { class: 'hint' }, new Date(alert.at).toLocaleString()),
  );
  if (pair) item.append(answerBlock('Before', 'before', alert.before), answerBlock('After', 'after', alert.after));
  else item.append(h('p', {}, alert.causes.map((cause) => `${cause.kind.toLowerCase()} ${cause.targetId}`).join('; ')));
  item.append(
    h('a', { href: `/${formatState(view)}`, class: 'alert-open' }, pair ? 'Open the path' : 'Open the entity'),
  );
  return item;
}

/** The notifications panel: asks for the alerts now and every ALERTS_POLL_MS. */
export function wireAlerts(): { refresh: () => Promise<void> } {
  const list = byId<HTMLOListElement>('alerts-list');
  const unreadBadge = byId('alerts-unread');
  let newest = 0;
  const refresh = async () => {
    // Alerts are an identity's own: without a key or token there is nothing to ask for.
    if (!loadCredential()) {
      unreadBadge.textContent = '';
      list.replaceChildren(h('li', { class: 'hint' }, 'Enter a key or token to see your alerts.'));
      return;
    }
    try {
      const { alerts } = await graphql<{ alerts: { nodes: AlertData[] } }>(ALERTS, { first: SHOWN });
      const last = seen();
      const unread = alerts.nodes.filter((alert) => alert.number > last).length;
      newest = alerts.nodes[0]?.number ?? newest;
      unreadBadge.textContent = unread > 0 ? `${unread} unread` : '';
      list.replaceChildren(
        ...(alerts.nodes.length > 0
          ? alerts.nodes.map((alert) => alertItem(alert, alert.number > last))
          : [h('li', { class: 'hint' }, 'No alerts. Watch an entity or a path to get them.')]),
      );
    } catch (error) {
      unreadBadge.textContent = '';
      list.replaceChildren(h('li', { class: 'hint' }, `Alerts: ${problemText(error)}`));
    }
  };
  byId('alerts-refresh').addEventListener('click', () => void refresh());
  byId('alerts-read').addEventListener('click', () => {
    localStorage.setItem(SEEN_KEY, String(newest));
    void refresh();
  });
  setInterval(() => void refresh(), ALERTS_POLL_MS);
  void refresh();
  return { refresh };
}
