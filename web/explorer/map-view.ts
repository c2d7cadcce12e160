import * as L from 'leaflet';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { graphql, problemText } from '../shared/api';
import { h } from '../shared/dom';
import { coordinates, entityWords, renderMapLists } from './map-lists';
import {
  mapCandidates,
  markerOf,
  placeOnMap,
  MAP_PLACES,
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

/** The map pane: Leaflet created when first shown, markers redrawn on each update. */
class LeafletMapView implements MapView {
  private readonly holder = h('div', {
    id: 'map',
    role: 'region',
    'aria-label': 'Map of the places and events in view',
  });
  private readonly lists = h('div', { id: 'map-lists', class: 'map-lists' });
  private readonly switches: HTMLButtonElement[];
  private readonly markerLayer = L.layerGroup();
  private map: L.Map | undefined;
  private placement: MapPlacement = { markers: [], unplaced: [], notAsked: 0 };
  private fittedKeys = '';
  private generation = 0;
  private visible = false;

  constructor(
    private readonly pane: HTMLElement,
    private readonly views: HTMLElement,
    private readonly actions: MapActions,
  ) {
    const fitButton = h('button', { type: 'button', id: 'fit-map' }, 'Fit map');
    fitButton.addEventListener('click', () => this.fit());
    pane.replaceChildren(this.holder, h('div', { class: 'row map-tools' }, fitButton), this.lists);
    this.switches = [...document.querySelectorAll<HTMLButtonElement>('#view-switch button[data-view]')];
    for (const button of this.switches)
      button.addEventListener('click', () => actions.show((button.dataset.view ?? 'graph') as ExplorerView));
  }

  setMode(view: ExplorerView): void {
    this.views.dataset.view = view;
    this.visible = view !== 'graph';
    this.pane.hidden = !this.visible;
    for (const button of this.switches) button.setAttribute('aria-pressed', String(button.dataset.view === view));
    if (this.visible) this.ensureMap().invalidateSize();
  }

  async update(model: ViewModel, selected: string | undefined): Promise<void> {
    if (!this.visible) return;
    const mine = ++this.generation;
    const candidates = [...model.nodes.values()].map((node) => ({ id: node.id, name: node.label, kind: node.kind }));
    const { ask, notAsked } = mapCandidates(candidates, selected);
    try {
      const ids = ask.map((entity) => entity.id);
      const answer = ids.length === 0 ? [] : (await graphql<{ nodes: MapNodeData[] }>(MAP_PLACES, { ids })).nodes;
      if (mine !== this.generation) return;
      this.placement = placeOnMap(ask, answer, notAsked);
      // The lists first: the map takes the room they leave, and Leaflet must know its size
      // before it fits and clips the markers (a stale size hides markers and shifts the fit).
      renderMapLists(this.lists, this.placement, selected, (id) => this.actions.select(id));
      this.ensureMap().invalidateSize({ pan: false });
      this.drawMarkers(selected);
    } catch (error) {
      if (mine === this.generation) this.lists.replaceChildren(h('p', { class: 'error' }, problemText(error)));
    }
  }

  private ensureMap(): L.Map {
    if (this.map) return this.map;
    const map = L.map(this.holder, { attributionControl: false, minZoom: 1, maxZoom: 12, zoomSnap: 0.25 });
    this.map = map;
    map.setView(DEFAULT_CENTER, DEFAULT_ZOOM);
    // Credits as plain text: a link would be a way off this offline page.
    L.control.attribution({ prefix: 'Leaflet · Natural Earth' }).addTo(map);
    this.markerLayer.addTo(map);
    // A new size (the view switch, the window) is a new frame: Leaflet must know it, and fit again.
    new ResizeObserver(() => {
      map.invalidateSize({ pan: false });
      this.fit();
    }).observe(this.holder);
    void countriesLayer().then(
      (layer) => layer.addTo(map).bringToBack(),
      (error: unknown) => this.lists.prepend(h('p', { class: 'error' }, problemText(error))),
    );
    // The map, for the devtools console and the browser tests (as window.sahelGraph is the graph).
    (window as unknown as { sahelMap: L.Map }).sahelMap = map;
    return map;
  }

  private fit(): void {
    const map = this.map;
    if (!map) return;
    const points = this.placement.markers.map((marker) => L.latLng(marker.latitude, marker.longitude));
    // Without animation: the markers are where they belong as soon as the view has settled.
    if (points.length === 0) map.setView(DEFAULT_CENTER, DEFAULT_ZOOM, { animate: false });
    else if (points.length === 1) map.setView(points[0]!, FIT_MAX_ZOOM, { animate: false });
    else map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: FIT_MAX_ZOOM, animate: false });
  }

  /** A marker's popup when entities share its point: one button per entity. */
  private choices(marker: MapMarker): HTMLElement {
    const buttons = marker.entities.map((entity) => {
      const button = h('button', { type: 'button', class: 'as-link', 'data-id': entity.id }, entityWords(entity));
      button.addEventListener('click', () => {
        this.map?.closePopup();
        this.actions.select(entity.id);
      });
      return h('div', {}, button);
    });
    return h('div', { class: 'map-choices' }, h('p', {}, `At ${coordinates(marker)}:`), ...buttons);
  }

  private addMarker(marker: MapMarker, selected: string | undefined): void {
    const kinds = new Set(marker.entities.map((entity) => entity.kind));
    const kind = kinds.size > 1 ? 'mixed' : kinds.has('Event') ? 'event' : 'place';
    const isSelected = marker.entities.some((entity) => entity.id === selected);
    const circle = L.circleMarker([marker.latitude, marker.longitude], {
      radius: 7 + Math.min(marker.entities.length - 1, 4),
      className: `map-marker map-${kind}${isSelected ? ' selected' : ''}`,
      weight: 2,
      fillOpacity: 0.85,
    });
    // Names go in as text nodes: Leaflet would read a string as HTML.
    circle.bindTooltip(h('span', {}, marker.entities.map(entityWords).join('; ')));
    if (marker.entities.length === 1) circle.on('click', () => this.actions.select(marker.entities[0]!.id));
    else circle.bindPopup(() => this.choices(marker));
    circle.addTo(this.markerLayer);
    const element = circle.getElement();
    element?.setAttribute('data-ids', marker.entities.map((entity) => entity.id).join(' '));
    element?.setAttribute('data-key', marker.key);
    if (isSelected) circle.bringToFront();
  }

  private drawMarkers(selected: string | undefined): void {
    const map = this.ensureMap();
    this.markerLayer.clearLayers();
    for (const marker of this.placement.markers) this.addMarker(marker, selected);
    const keys = this.placement.markers.map((marker) => marker.key).join('|');
    if (keys !== this.fittedKeys) {
      this.fittedKeys = keys;
      this.fit();
      return;
    }
    // Selected in the graph but out of sight here: bring it into view without changing the zoom.
    const chosen = markerOf(this.placement, selected);
    if (chosen && !map.getBounds().contains([chosen.latitude, chosen.longitude]))
      map.panTo([chosen.latitude, chosen.longitude], { animate: false });
  }
}

export function createMapView(pane: HTMLElement, views: HTMLElement, actions: MapActions): MapView {
  return new LeafletMapView(pane, views, actions);
}
