import { emptyCuration, fromSaved, linkOfKey, toSaveInput } from '../../web/explorer/curate';
import type { SavedInvestigation } from '../../web/explorer/investigation-queries';
import { edgeKey } from '../../web/explorer/model';
import { formatState, parseState } from '../../web/explorer/state';

/** The explorer's curation as data: what a save sends, and a saved investigation back as the view. */
describe('curate.ts', () => {
  it('reads an edge key back into its parts, with and without a role', () => {
    expect(linkOfKey(edgeKey('MEMBER_OF', 'mali', 'aes'))).toEqual({
      type: 'MEMBER_OF',
      fromId: 'mali',
      toId: 'aes',
      role: null,
    });
    expect(linkOfKey(edgeKey('PARTICIPATED_IN', 'jnim', 'kayes-blockade', 'PERPETRATOR'))).toEqual({
      type: 'PARTICIPATED_IN',
      fromId: 'jnim',
      toId: 'kayes-blockade',
      role: 'PERPETRATOR',
    });
    expect(linkOfKey('not a key')).toBeNull();
  });

  it('saves every entity drawn or kept, with its place, flags and note, and the notes on links between them', () => {
    const curation = emptyCuration();
    curation.hidden.push('al-qaeda');
    curation.pinned.add('jnim');
    curation.entityNotes.set('mali', 'the state');
    curation.linkNotes.set(edgeKey('MEMBER_OF', 'mali', 'aes'), 'since 2023');
    curation.linkNotes.set(edgeKey('SUPPORTS', 'russia', 'mali'), 'russia is not in the view: left out');
    const state = parseState('?expand=jnim,mali&select=mali&types=MEMBER_OF&asOf=2024');
    const drawn = new Map([
      ['jnim', { x: 1.04, y: 2 }],
      ['mali', { x: -3, y: 4.56 }],
      ['aes', { x: 10, y: 10 }],
    ]);
    const input = toSaveInput(state, curation, drawn, { name: 'A view', description: '', tlp: 'GREEN', asCopy: false });
    expect(input).toMatchObject({
      name: 'A view',
      description: null,
      filters: { types: ['MEMBER_OF'], minCredibility: null, asOf: '2024' },
      selected: 'mali',
      links: [{ type: 'MEMBER_OF', fromId: 'mali', toId: 'aes', role: null, note: 'since 2023' }],
    });
    expect(input).not.toHaveProperty('id');
    expect(input.entities).toEqual([
      { id: 'jnim', expanded: true, hidden: false, pinned: true, x: 1, y: 2, note: null },
      { id: 'mali', expanded: true, hidden: false, pinned: false, x: -3, y: 4.6, note: 'the state' },
      { id: 'aes', expanded: false, hidden: false, pinned: false, x: 10, y: 10, note: null },
      { id: 'al-qaeda', expanded: false, hidden: true, pinned: false, x: null, y: null, note: null },
    ]);
    curation.saved = { id: 'inv-1', version: 3, name: 'A view', description: '', tlp: 'GREEN' };
    const over = toSaveInput(state, curation, drawn, { name: 'A view', description: '', tlp: 'GREEN', asCopy: false });
    expect(over).toMatchObject({ id: 'inv-1', expectedVersion: 3 });
    const copy = toSaveInput(state, curation, drawn, { name: 'Copy', description: '', tlp: 'GREEN', asCopy: true });
    expect(copy).not.toHaveProperty('id');
  });

  it('opens a saved investigation as the view (with its address) and the curation it had', () => {
    const saved: SavedInvestigation = {
      id: 'inv-1',
      name: 'A view',
      description: 'd',
      tlp: 'AMBER',
      author: 'key:editor',
      updatedAt: '2026-12-07T00:00:00.000Z',
      updatedBy: 'key:editor',
      version: 2,
      entities: [
        { id: 'jnim', expanded: true, hidden: false, pinned: true, x: 1, y: 2, note: null },
        { id: 'al-qaeda', expanded: false, hidden: true, pinned: false, x: null, y: null, note: 'aside' },
      ],
      links: [{ type: 'AFFILIATED_WITH', fromId: 'jnim', toId: 'al-qaeda', role: null, note: 'allegiance' }],
      filters: { types: [], minCredibility: 3, asOf: null },
      pathFrom: 'jnim',
      pathTo: null,
      selected: 'jnim',
      history: [],
    };
    const { state, curation } = fromSaved(saved);
    expect(formatState(state)).toBe('?expand=jnim&select=jnim&from=jnim&minCredibility=3&investigation=inv-1');
    expect(curation.hidden).toEqual(['al-qaeda']);
    expect([...curation.pinned]).toEqual(['jnim']);
    expect([...curation.positions]).toEqual([['jnim', { x: 1, y: 2 }]]);
    expect(curation.entityNotes.get('al-qaeda')).toBe('aside');
    expect(curation.linkNotes.get(edgeKey('AFFILIATED_WITH', 'jnim', 'al-qaeda'))).toBe('allegiance');
    expect(curation.saved).toEqual({ id: 'inv-1', version: 2, name: 'A view', description: 'd', tlp: 'AMBER' });
    expect(parseState('?investigation=inv-1').investigation).toBe('inv-1');
    expect(parseState('?investigation=<script>').investigation).toBeUndefined();
  });
});
