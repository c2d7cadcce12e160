import * as L from 'leaflet';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { graphql, problemText } from '../shared/api';
import { h, present } from '../shared/dom';
import {
  mapCandidates,
  markerOf,
  placeOnMap,
  MAP_MAX_IDS,
  MAP_PLACES,
  type MapCandidate,
  type MapMarker,
  type MapNodeData,
  type MapPlacement,
} from './map-places';
import type { ViewModel } from './model';
import type { ExplorerView } from './state';

/**
 * The map beside (or instead of) the graph: Leaflet with no tile layer, over Natural Earth's
 * country outlines (world-atlas, 1:50m) that the build copies into /assets, so nothing is asked of
 * another server. It places what map-places.ts says, one marker per point; clicking a marker
 * selects its entity (or offers the entities that share the point), and the entity selected in
 * the graph is highlighted here. Under it, the places and events in view listed as text: on the
 * map with their coordinates, and not on the map (no coordinates in the sources).
 */

export interface MapActions {
  select(id: string): void;
  /** The switch above the canvas: graph, map, or both. */
  show(view: ExplorerView): void;
}

export interface MapView {
  /** Shows the graph, the map or both (sets the layout and the switch's pressed button). */
  setMode(view: ExplorerView): void;
  /** Asks the API where the places and events in view are, and redraws the markers (when shown). */
  update(model: ViewModel, selected: string | undefined): Promise<void>;
}

const DEFAULT_CENTER: L.LatLngExpression = [15, -2]; // the Sahel, when nothing in view is placed
const DEFAULT_ZOOM = 4;
const FIT_MAX_ZOOM = 7;

function entityWords(entity: MapCandidate & { at?: string }): string {
  const kind = entity.kind === 'Location' ? 'place' : entity.kind.toLowerCase();
  return entity.at ? `${entity.name} (${kind}, at ${entity.at})` : `${entity.name} (${kind})`;
}

const coordinates = (marker: MapMarker) => `${marker.latitude.toFixed(4)}, ${marker.longitude.toFixed(4)}`;

/** The countries, read once from the bundled TopoJSON and drawn as one non-interactive layer. */
async function countriesLayer(): Promise<L.GeoJSON> {
  const response = await fetch(countriesUrl);
  if (!response.ok) throw new Error(`the map's country outlines did not load (HTTP ${response.status})`);
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection }>;
  return L.geoJSON(feature(topology, topology.objects.countries), {
    interactive: false,
    style: { className: 'map-country', color: '#9aa59a', weight: 0.8, fillColor: '#f3f1e8', fillOpacity: 1 },
  });
}

export function createMapView(pane: HTMLElement, views: HTMLElement, actions: MapActions): MapView {
  const holder = h('div', { id: 'map', role: 'region', 'aria-label': 'Map of the places and events in view' });
  const fitButton = h('button', { type: 'button', id: 'fit-map' }, 'Fit map');
  const lists = h('div', { id: 'map-lists', class: 'map-lists' });
  pane.replaceChildren(holder, h('div', { class: 'row map-tools' }, fitButton), lists);
  let map: L.Map | undefined;
  const markerLayer = L.layerGroup();
  let placement: MapPlacement = { markers: [], unplaced: [], notAsked: 0 };
  let fittedKeys = '';
  let generation = 0;
  let visible = false;

  function ensureMap(): L.Map {
    if (map) return map;
    map = L.map(holder, { attributionControl: false, minZoom: 1, maxZoom: 12, zoomSnap: 0.25 });
    map.setView(DEFAULT_CENTER, DEFAULT_ZOOM);
    // Credits as plain text: a link would be a way off this offline page.
    L.control.attribution({ prefix: 'Leaflet · Natural Earth' }).addTo(map);
    markerLayer.addTo(map);
    // The pane changes size with the view switch, the window and the lists: Leaflet must follow.
    // A new size (graph and map side by side, or the map alone) is a new frame: fit it again.
    new ResizeObserver(() => {
      map?.invalidateSize({ pan: false });
      fit();
    }).observe(holder);
    void countriesLayer().then(
      (layer) => map && layer.addTo(map).bringToBack(),
      (error: unknown) => lists.prepend(h('p', { class: 'error' }, problemText(error))),
    );
    // The drawing, for the devtools console and the browser tests (as window.sahelGraph).
    (window as unknown as { sahelMap: L.Map }).sahelMap = map;
    return map;
  }

  function fit(): void {
    if (!map) return;
    const points = placement.markers.map((marker) => L.latLng(marker.latitude, marker.longitude));
    // Without animation: the markers are where they belong as soon as the view has settled.
    if (points.length === 0) map.setView(DEFAULT_CENTER, DEFAULT_ZOOM, { animate: false });
    else if (points.length === 1) map.setView(points[0]!, FIT_MAX_ZOOM, { animate: false });
    else map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: FIT_MAX_ZOOM, animate: false });
  }
  fitButton.addEventListener('click', fit);
  const switches = [...document.querySelectorAll<HTMLButtonElement>('#view-switch button[data-view]')];
  for (const button of switches)
    button.addEventListener('click', () => actions.show((button.dataset.view ?? 'graph') as ExplorerView));

  /** A marker's popup when entities share its point: one button per entity. */
  function choices(marker: MapMarker): HTMLElement {
    return h(
      'div',
      { class: 'map-choices' },
      h('p', {}, `At ${coordinates(marker)}:`),
      ...marker.entities.map((entity) => {
        const button = h('button', { type: 'button', class: 'as-link', 'data-id': entity.id }, entityWords(entity));
        button.addEventListener('click', () => {
          map?.closePopup();
          actions.select(entity.id);
        });
        return h('div', {}, button);
      }),
    );
  }

  function drawMarkers(selected: string | undefined): void {
    const current = ensureMap();
    markerLayer.clearLayers();
    for (const marker of placement.markers) {
      const kinds = new Set(marker.entities.map((entity) => entity.kind));
      const kind = kinds.size > 1 ? 'mixed' : kinds.has('Event') ? 'event' : 'place';
      const isSelected = marker.entities.some((entity) => entity.id === selected);
      const circle = L.circleMarker([marker.latitude, marker.longitude], {
        radius: 7 + Math.min(marker.entities.length - 1, 4),
        className: `map-marker map-${kind}${isSelected ? ' selected' : ''}`,
        weight: 2,
        fillOpacity: 0.85,
      });
      circle.bindTooltip(h('span', {}, marker.entities.map(entityWords).join('; ')));
      if (marker.entities.length === 1) circle.on('click', () => actions.select(marker.entities[0]!.id));
      else circle.bindPopup(() => choices(marker));
      circle.addTo(markerLayer);
      const element = circle.getElement();
      element?.setAttribute('data-ids', marker.entities.map((entity) => entity.id).join(' '));
      element?.setAttribute('data-key', marker.key);
      if (isSelected) circle.bringToFront();
    }
    const keys = placement.markers.map((marker) => marker.key).join('|');
    if (keys !== fittedKeys) {
      fittedKeys = keys;
      fit();
    } else {
      // Selected in the graph but out of sight here: bring it into view without changing the zoom.
      const chosen = markerOf(placement, selected);
      if (chosen && !current.getBounds().contains([chosen.latitude, chosen.longitude]))
        current.panTo([chosen.latitude, chosen.longitude], { animate: false });
    }
  }

  function listItem(entity: MapCandidate, selected: string | undefined, detail: string): HTMLElement {
    const button = h('button', { type: 'button', class: 'as-link', 'data-id': entity.id }, entity.name);
    button.addEventListener('click', () => actions.select(entity.id));
    return h('li', { 'aria-current': entity.id === selected ? 'true' : undefined }, button, ` ${detail}`);
  }

  function drawLists(selected: string | undefined): void {
    const placed = placement.markers.flatMap((marker) =>
      marker.entities.map((entity) =>
        listItem(entity, selected, `· ${entityWords(entity).slice(entity.name.length + 1)} · ${coordinates(marker)}`),
      ),
    );
    lists.replaceChildren(
      ...present(
        h('h3', {}, `On the map (${placed.length})`),
        placed.length > 0
          ? h('ul', { id: 'map-placed' }, ...placed)
          : h('p', { class: 'hint' }, 'No place or event in view has coordinates.'),
        h('h3', {}, `Not on the map (no coordinates in the sources) (${placement.unplaced.length})`),
        h(
          'ul',
          { id: 'map-unplaced' },
          ...placement.unplaced.map((entity) =>
            listItem(entity, selected, `· ${entity.kind === 'Location' ? 'place' : 'event'}`),
          ),
        ),
        placement.notAsked > 0
          ? h(
              'p',
              { class: 'hint' },
              `${placement.notAsked} more places and events in view were not looked up (the map asks about ${MAP_MAX_IDS} at most).`,
            )
          : null,
        h(
          'p',
          { class: 'hint' },
          'Actors, allegations and sources have no coordinates of their own: find them in the graph.',
        ),
      ),
    );
  }

  return {
    setMode(view) {
      views.dataset.view = view;
      visible = view !== 'graph';
      pane.hidden = !visible;
      for (const button of switches) button.setAttribute('aria-pressed', String(button.dataset.view === view));
      if (visible) ensureMap().invalidateSize();
    },

    async update(model, selected) {
      if (!visible) return;
      const mine = ++generation;
      const candidates = [...model.nodes.values()].map((node) => ({ id: node.id, name: node.label, kind: node.kind }));
      const { ask, notAsked } = mapCandidates(candidates, selected);
      try {
        const answer =
          ask.length === 0
            ? []
            : (await graphql<{ nodes: MapNodeData[] }>(MAP_PLACES, { ids: ask.map((entity) => entity.id) })).nodes;
        if (mine !== generation) return;
        placement = placeOnMap(ask, answer, notAsked);
        // The lists first: the map takes the room they leave, and Leaflet must know its size
        // before it fits and clips the markers (a stale size hides markers and shifts the fit).
        drawLists(selected);
        ensureMap().invalidateSize({ pan: false });
        drawMarkers(selected);
      } catch (error) {
        if (mine === generation) lists.replaceChildren(h('p', { class: 'error' }, problemText(error)));
      }
    },
  };
}
