import { h, present } from '../shared/dom';
import { MAP_MAX_IDS, type MapCandidate, type MapMarker, type MapPlacement } from './map-places';

/**
 * The map's places and events as text, under the map: on the map with the coordinates each was
 * placed at, then not on the map (no coordinates in the sources). Every name is a button that
 * selects the entity, so the map's content is also reachable by keyboard and screen reader.
 */

/** "Air/drone strike in Boni … (event, at Boni)": what a marker holds, in words. */
export function entityWords(entity: MapCandidate & { at?: string }): string {
  const kind = entity.kind === 'Location' ? 'place' : entity.kind.toLowerCase();
  return entity.at ? `${entity.name} (${kind}, at ${entity.at})` : `${entity.name} (${kind})`;
}

export const coordinates = (marker: MapMarker) => `${marker.latitude.toFixed(4)}, ${marker.longitude.toFixed(4)}`;

function listItem(entity: MapCandidate, selected: string | undefined, detail: string, select: (id: string) => void) {
  const button = h('button', { type: 'button', class: 'as-link', 'data-id': entity.id }, entity.name);
  button.addEventListener('click', () => select(entity.id));
  return h('li', { 'aria-current': entity.id === selected ? 'true' : undefined }, button, ` ${detail}`);
}

export function renderMapLists(
  container: HTMLElement,
  placement: MapPlacement,
  selected: string | undefined,
  select: (id: string) => void,
): void {
  const placed = placement.markers.flatMap((marker) =>
    marker.entities.map((entity) =>
      listItem(
        entity,
        selected,
        `· ${entityWords(entity).slice(entity.name.length + 1)} · ${coordinates(marker)}`,
        select,
      ),
    ),
  );
  const unplaced = placement.unplaced.map((entity) =>
    listItem(entity, selected, `· ${entity.kind === 'Location' ? 'place' : 'event'}`, select),
  );
  container.replaceChildren(
    ...present(
      h('h3', {}, `On the map (${placed.length})`),
      placed.length > 0
        ? h('ul', { id: 'map-placed' }, ...placed)
        : h('p', { class: 'hint' }, 'No place or event in view has coordinates.'),
      h('h3', {}, `Not on the map (no coordinates in the sources) (${unplaced.length})`),
      h('ul', { id: 'map-unplaced' }, ...unplaced),
      placement.notAsked > 0 &&
        h(
          'p',
          { class: 'hint' },
          `${placement.notAsked} more places and events in view were not looked up (the map asks about ${MAP_MAX_IDS} at most).`,
        ),
      h(
        'p',
        { class: 'hint' },
        'Actors, allegations and sources have no coordinates of their own: find them in the graph.',
      ),
    ),
  );
}
