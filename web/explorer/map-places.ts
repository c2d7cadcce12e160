/**
 * Which entities in view the map can place, and where: the pure half of the map (map-view.ts
 * draws it). A place is placed at its own latitude/longitude; an event at the coordinates of a
 * place it OCCURRED_IN (an ACLED import links each event to its most precise place, which carries
 * ACLED's coordinates). Nothing is guessed: an entity without coordinates in the sources is listed
 * as not on the map, never placed at a country's middle.
 */

/** The map asks about at most this many places and events (nodes(ids) takes up to 100 ids). */
export const MAP_MAX_IDS = 100;

/** How many places of one event the map reads (an ACLED event has one; the seed's a few). */
export const MAP_PLACES_PER_EVENT = 10;

export interface MapPlaceData {
  id: string;
  name: string;
  latitude?: number | null;
  longitude?: number | null;
}

/** One item of the map's answer: a place, an event with its places, or null (unknown or hidden). */
export type MapNodeData =
  | ({ __typename: 'Location' } & MapPlaceData)
  | {
      __typename: 'Event';
      id: string;
      name: string;
      occurredIn: { edges: Array<{ node: Partial<MapPlaceData> & { id: string; name: string } }> };
    }
  | { __typename: string; id: string; name: string }
  | null;

export const MAP_PLACES = `
  query ExplorerMap($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Entity { id name }
      ... on Location { latitude longitude }
      ... on Event {
        occurredIn: relationships(types: [OCCURRED_IN], direction: OUTGOING, first: ${MAP_PLACES_PER_EVENT}) {
          edges { node { id name ... on Location { latitude longitude } } }
        }
      }
    }
  }`;

/** An entity in view that the map could place: its id, name and kind. */
export interface MapCandidate {
  id: string;
  name: string;
  kind: string;
}

/** What the map places: one marker per point, with every entity in view that stands there. */
export interface MapMarker {
  /** "lat,lng" rounded to 6 decimals (about 10 cm): entities at the same point share a marker. */
  key: string;
  latitude: number;
  longitude: number;
  entities: Array<MapCandidate & { /** For an event: the place whose coordinates it has. */ at?: string }>;
}

export interface MapPlacement {
  markers: MapMarker[];
  /** Places and events in view without coordinates in the sources (an event: nor any of its places). */
  unplaced: MapCandidate[];
  /** Places and events in view the map did not ask about (past MAP_MAX_IDS). */
  notAsked: number;
}

/**
 * The ids to ask about: the places and events in view, the selected one first (so it is never cut
 * by the cap), at most MAP_MAX_IDS. Actors, allegations and sources have no coordinates of their own.
 */
export function mapCandidates(
  nodes: Iterable<MapCandidate>,
  selected?: string,
): { ask: MapCandidate[]; notAsked: number } {
  const geographic = [...nodes].filter((node) => node.kind === 'Location' || node.kind === 'Event');
  geographic.sort((a, b) => Number(b.id === selected) - Number(a.id === selected));
  return { ask: geographic.slice(0, MAP_MAX_IDS), notAsked: Math.max(0, geographic.length - MAP_MAX_IDS) };
}

/** Coordinates as the map can use them: both numbers, finite, on the globe. */
export function coordinatesOf(place: Partial<MapPlaceData>): { latitude: number; longitude: number } | undefined {
  const { latitude, longitude } = place;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

/** Where the answer puts one entity: its own point (a place) or its first located place (an event). */
function pointOf(item: NonNullable<MapNodeData>): { latitude: number; longitude: number; at?: string } | undefined {
  if (item.__typename === 'Location') return coordinatesOf(item as MapPlaceData);
  if (item.__typename !== 'Event' || !('occurredIn' in item)) return undefined;
  for (const { node } of item.occurredIn.edges) {
    const point = coordinatesOf(node);
    if (point) return { ...point, at: node.name };
  }
  return undefined;
}

/**
 * The markers for the entities asked about, from the API's answer (one item per id, in order).
 * Entities at the same point share one marker; markers come in the order of their first entity.
 */
export function placeOnMap(asked: MapCandidate[], answer: MapNodeData[], notAsked = 0): MapPlacement {
  const markers = new Map<string, MapMarker>();
  const unplaced: MapCandidate[] = [];
  asked.forEach((candidate, index) => {
    const item = answer[index];
    const point = item && item.id === candidate.id ? pointOf(item) : undefined;
    if (!point) {
      unplaced.push(candidate);
      return;
    }
    const key = `${point.latitude.toFixed(6)},${point.longitude.toFixed(6)}`;
    const marker = markers.get(key) ?? { key, latitude: point.latitude, longitude: point.longitude, entities: [] };
    marker.entities.push(point.at ? { ...candidate, at: point.at } : candidate);
    markers.set(key, marker);
  });
  return { markers: [...markers.values()], unplaced, notAsked };
}

/** The marker that holds an entity, if any. */
export function markerOf(placement: MapPlacement, id: string | undefined): MapMarker | undefined {
  return id ? placement.markers.find((marker) => marker.entities.some((entity) => entity.id === id)) : undefined;
}
