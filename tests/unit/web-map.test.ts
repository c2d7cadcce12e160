import {
  coordinatesOf,
  mapCandidates,
  markerOf,
  placeOnMap,
  MAP_MAX_IDS,
  type MapCandidate,
  type MapNodeData,
} from '../../web/explorer/map-places';
import { formatState, parseState } from '../../web/explorer/state';

/** The map's pure half (web/explorer/map-places.ts): what can be placed, and where. */

const place = (id: string, latitude?: number | null, longitude?: number | null): MapNodeData => ({
  __typename: 'Location',
  id,
  name: id,
  latitude,
  longitude,
});
const event = (id: string, ...places: Array<{ id: string; latitude?: number | null; longitude?: number | null }>) =>
  ({
    __typename: 'Event',
    id,
    name: id,
    occurredIn: { edges: places.map((at) => ({ node: { name: `${at.id} name`, ...at } })) },
  }) as MapNodeData;
const candidate = (id: string, kind: string): MapCandidate => ({ id, name: id, kind });

describe('which entities in view the map asks about', () => {
  it('asks about places and events only, the selected one first', () => {
    const { ask, notAsked } = mapCandidates(
      [
        candidate('jnim', 'Actor'),
        candidate('kayes', 'Location'),
        candidate('blockade', 'Event'),
        candidate('claim', 'Allegation'),
      ],
      'blockade',
    );
    expect(ask.map((entity) => entity.id)).toEqual(['blockade', 'kayes']);
    expect(notAsked).toBe(0);
  });

  it(`asks about ${MAP_MAX_IDS} at most, never cutting the selected one, and counts the rest`, () => {
    const many = Array.from({ length: MAP_MAX_IDS + 7 }, (_, index) => candidate(`place-${index}`, 'Location'));
    const { ask, notAsked } = mapCandidates(many, `place-${MAP_MAX_IDS + 3}`);
    expect(ask).toHaveLength(MAP_MAX_IDS);
    expect(ask[0]?.id).toBe(`place-${MAP_MAX_IDS + 3}`);
    expect(notAsked).toBe(7);
  });
});

describe('coordinates the map can use', () => {
  it('takes two finite numbers on the globe and nothing else', () => {
    expect(coordinatesOf({ latitude: 15.23, longitude: -9.59 })).toEqual({ latitude: 15.23, longitude: -9.59 });
    expect(coordinatesOf({ latitude: 0, longitude: 0 })).toEqual({ latitude: 0, longitude: 0 });
    expect(coordinatesOf({ latitude: null, longitude: -9.59 })).toBeUndefined();
    expect(coordinatesOf({ latitude: 15.23 })).toBeUndefined();
    expect(coordinatesOf({ latitude: 91, longitude: 0 })).toBeUndefined();
    expect(coordinatesOf({ latitude: 0, longitude: -180.5 })).toBeUndefined();
    expect(coordinatesOf({ latitude: Number.NaN, longitude: 0 })).toBeUndefined();
  });
});

describe('placing the answer on the map', () => {
  const asked = [
    candidate('nioro', 'Location'),
    candidate('clash', 'Event'),
    candidate('kayes', 'Location'),
    candidate('blockade', 'Event'),
    candidate('strike', 'Event'),
    candidate('gone', 'Event'),
  ];
  const answer: MapNodeData[] = [
    place('nioro', 15.23, -9.59),
    event('clash', { id: 'nioro', latitude: 15.23, longitude: -9.59 }),
    place('kayes', null, null), // the seed's region: no coordinates in its sources
    event('blockade', { id: 'kayes' }, { id: 'mali' }),
    event('strike', { id: 'mopti' }, { id: 'boni', latitude: 15.05, longitude: -1.87 }),
    null, // unknown or hidden from the caller
  ];

  it('puts a place at its coordinates and an event at its first located place, sharing a marker at one point', () => {
    const { markers } = placeOnMap(asked, answer);
    expect(markers).toEqual([
      {
        key: '15.230000,-9.590000',
        latitude: 15.23,
        longitude: -9.59,
        entities: [
          { id: 'nioro', name: 'nioro', kind: 'Location' },
          { id: 'clash', name: 'clash', kind: 'Event', at: 'nioro name' },
        ],
      },
      {
        key: '15.050000,-1.870000',
        latitude: 15.05,
        longitude: -1.87,
        entities: [{ id: 'strike', name: 'strike', kind: 'Event', at: 'boni name' }],
      },
    ]);
  });

  it('lists what has no coordinates in the sources (nor any of its places) as not on the map', () => {
    const { unplaced, notAsked } = placeOnMap(asked, answer, 3);
    expect(unplaced.map((entity) => entity.id)).toEqual(['kayes', 'blockade', 'gone']);
    expect(notAsked).toBe(3);
  });

  it('never places an entity by an answer item that is not its own', () => {
    const { markers, unplaced } = placeOnMap([candidate('a', 'Location')], [place('b', 1, 2)]);
    expect(markers).toEqual([]);
    expect(unplaced.map((entity) => entity.id)).toEqual(['a']);
  });

  it('finds the marker of the entity selected, for the highlight', () => {
    const placement = placeOnMap(asked, answer);
    expect(markerOf(placement, 'clash')?.key).toBe('15.230000,-9.590000');
    expect(markerOf(placement, 'kayes')).toBeUndefined();
    expect(markerOf(placement, undefined)).toBeUndefined();
  });
});

describe('the map in the URL', () => {
  it('keeps the map and the side-by-side view in the address, and leaves the graph alone unsaid', () => {
    expect(formatState({ expanded: ['kayes'], filters: { types: [] }, view: 'both' })).toBe('?expand=kayes&view=both');
    expect(parseState('?expand=kayes&view=map').view).toBe('map');
    expect(formatState({ expanded: ['kayes'], filters: { types: [] }, view: 'graph' })).toBe('?expand=kayes');
    expect(parseState('?view=graph').view).toBeUndefined();
    expect(parseState('?view=satellite').view).toBeUndefined();
  });
});
