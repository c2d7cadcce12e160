import { ActorKind, CREDIBILITY_MEANING, LABEL_OF_ACTOR_KIND } from '../../src/model/vocabulary';
import { MARKS, type LinkMark } from './contested';

/**
 * How each thing is drawn, keyed by the server's vocabulary: a colour per kind of entity, a shape
 * per kind of actor (and per kind of entity besides), a line width and opacity per grade. The
 * drawing (graph.ts) and the legend (legend.ts) both read these tables, so the legend cannot
 * list a shape the drawing does not use, nor miss one it does.
 */

export interface NodeLook {
  /** The legend's key for it: "actor:STATE", "kind:Event". */
  key: string;
  label: string;
  shape: string;
  color: string;
}

const ACTOR_COLOR = '#2f6f9f';

/** Every actor kind has its own shape (checked by the compiler: a new kind needs one). */
const ACTOR_SHAPES: Readonly<Record<ActorKind, string>> = {
  STATE: 'octagon',
  ARMED_GROUP: 'triangle',
  ALLIANCE: 'star',
  ORGANIZATION: 'pentagon',
  AGENCY: 'vee',
  FORCE: 'rhomboid',
  PERSON: 'ellipse',
  GROUP: 'heptagon',
};

/** The other kinds of entity (and an actor of no known kind). */
const ENTITY_LOOKS: Readonly<Record<string, { label: string; shape: string; color: string }>> = {
  Actor: { label: 'actor', shape: 'ellipse', color: ACTOR_COLOR },
  Location: { label: 'place', shape: 'round-rectangle', color: '#3f8f4f' },
  Event: { label: 'event', shape: 'diamond', color: '#8a5a9f' },
  Allegation: { label: 'allegation', shape: 'hexagon', color: '#c2410c' },
  Source: { label: 'source', shape: 'barrel', color: '#6b7280' },
};

const words = (label: string) => label.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export function nodeLook(node: { kind: string; actorKind?: string }): NodeLook {
  if (node.kind === 'Actor' && node.actorKind && node.actorKind in ACTOR_SHAPES) {
    const kind = node.actorKind as ActorKind;
    return {
      key: `actor:${kind}`,
      label: words(LABEL_OF_ACTOR_KIND[kind]),
      shape: ACTOR_SHAPES[kind],
      color: ACTOR_COLOR,
    };
  }
  const look = ENTITY_LOOKS[node.kind] ?? ENTITY_LOOKS.Actor!;
  return { key: `kind:${ENTITY_LOOKS[node.kind] ? node.kind : 'Actor'}`, ...look };
}

/** Every look an entity can have, in legend order: actors by kind, then the other kinds. */
export const ALL_NODE_LOOKS: readonly NodeLook[] = [
  ...Object.values(ActorKind).map((kind) => nodeLook({ kind: 'Actor', actorKind: kind })),
  ...Object.keys(ENTITY_LOOKS).map((kind) => nodeLook({ kind })),
];

/**
 * A link's width and opacity by the grade it is weighed by (for a claim link, the claim's): a
 * confirmed link is thick and solid ink, one whose truth cannot be judged thin and faint.
 */
const GRADE_LINES: Readonly<Record<number, { width: number; opacity: number }>> = {
  1: { width: 4, opacity: 1 },
  2: { width: 3, opacity: 1 },
  3: { width: 2.2, opacity: 0.9 },
  4: { width: 1.6, opacity: 0.75 },
  5: { width: 1.2, opacity: 0.6 },
  6: { width: 1, opacity: 0.5 },
};

export function gradeLine(grade: number): { width: number; opacity: number } {
  return GRADE_LINES[grade] ?? GRADE_LINES[6]!;
}

export const GRADES: readonly number[] = Object.keys(CREDIBILITY_MEANING).map(Number);

/** The colour of each mark's dashed line and marker (and of a marked entity's dashed border). */
export const MARK_COLORS: Readonly<Record<LinkMark, string>> = {
  claim: '#d97706',
  contested: '#c2410c',
  hypothetical: '#7c3aed',
};

/** The marker drawn mid-way on a marked link: cytoscape's arrow shape and fill. */
export const MARK_ARROWS: Readonly<Record<LinkMark, { shape: string; fill: 'filled' | 'hollow' }>> = {
  claim: { shape: 'diamond', fill: 'hollow' },
  contested: { shape: 'diamond', fill: 'filled' },
  hypothetical: { shape: 'circle', fill: 'hollow' },
};

export const MARK_ORDER: readonly LinkMark[] = ['claim', 'contested', 'hypothetical'];

export { MARKS };
