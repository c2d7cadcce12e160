import { ENTITY_LABEL, Tlp, TLP_ORDER } from '../model/vocabulary';
import type { Database, Params } from './database';

/**
 * TLP as access control: the one visibility rule every read applies (docs/security.md).
 *
 * A source is visible when its `tlp` is at or below the caller's clearance. Any other node or
 * relationship is visible when its own `tlp` (set by the STIX import from the object's marking;
 * absent on most items) is at or below the clearance AND it rests on at least one visible source
 * (its `sourceIds`) — the rule of the STIX export's filterBundleByTlp. An item without
 * `sourceIds` (a source, a CITES-less bookkeeping node) is judged by its own `tlp` only.
 *
 * In Cypher the rule is VISIBLE(x) over two parameters that every reading statement receives
 * (Visibility.params): $visibleTlp, the levels at or below the clearance, and $hiddenSourceIds,
 * the sources above it, read once per request. Both are plain expressions, so the rule sits
 * inside a traversal's expansion (pruning, not filtering finished paths). `hidden` names the
 * list of hidden sources when a statement reads it itself (a variable, not the parameter).
 *
 * With no hidden source (a caller cleared for every source, or a graph with no marked source)
 * every item passes the source test, so a CASE skips reading `sourceIds` at all: Neo4j evaluates
 * a CASE branch only when it is taken, where it read the list under an OR whatever came first.
 * Measured on the 1M-entity bench graph (`.probe`-style loop, allShortestPaths between 40
 * ordinary pairs at maxHops 4, the statement alone): mean 38 ms with the OR, 26 ms with the CASE.
 */
export const VISIBLE = (x: string, hidden = '$hiddenSourceIds') =>
  `((${x}.tlp IS NULL OR ${x}.tlp IN $visibleTlp) AND CASE WHEN size(${hidden}) = 0 THEN true ELSE ${x}.sourceIds IS NULL OR size(${x}.sourceIds) = 0 OR any(sid IN ${x}.sourceIds WHERE NOT sid IN ${hidden}) END)`;

/**
 * VISIBLE with no $hiddenSourceIds: the same rule, each of x's sources looked up by its id (the
 * Entity id constraint's index) rather than found in the request's list of hidden sources. For
 * lookups by id, where reading that list first (another transaction, and a scan of every source)
 * costs more than the lookup itself; a traversal, which tests thousands of items, keeps VISIBLE.
 * A source id that names no source hides nothing, as in VISIBLE.
 */
export const VISIBLE_BY_SOURCE_LOOKUP = (x: string) =>
  `((${x}.tlp IS NULL OR ${x}.tlp IN $visibleTlp) AND (${x}.sourceIds IS NULL OR size(${x}.sourceIds) = 0 OR any(sid IN ${x}.sourceIds WHERE NOT EXISTS { MATCH (cited:${ENTITY_LABEL} {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))`;

/** The sources above a clearance: those with a level not among the visible ones. */
export const HIDDEN_SOURCES = `
MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
RETURN collect(s.id) AS ids`;

/**
 * The same list read inside a statement, as the variable `name` (a neighbourhood, a path search,
 * a folded list): one transaction, not a second one before it for the list.
 */
export const HIDDEN_SOURCES_AS = (name: string) => `CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS ${name}
}`;

export interface VisibilityParams extends Params {
  visibleTlp: Tlp[];
  hiddenSourceIds: string[];
}

/** Levels at or below `clearance`, least restricted first. */
export function levelsUpTo(clearance: Tlp): Tlp[] {
  return TLP_ORDER.slice(0, TLP_ORDER.indexOf(clearance) + 1);
}

/** The stricter of two levels: `?tlp=` and `--tlp` can lower a clearance, never raise it. */
export function stricterOf(a: Tlp, b: Tlp): Tlp {
  return TLP_ORDER.indexOf(a) <= TLP_ORDER.indexOf(b) ? a : b;
}

/** An item's `sourceIds` without the hidden sources: what a visible item shows of its evidence. */
export function visibleIds(ids: unknown, params: VisibilityParams): string[] {
  const list = Array.isArray(ids) ? (ids as string[]) : [];
  if (params.hiddenSourceIds.length === 0) return list;
  const hidden = new Set(params.hiddenSourceIds);
  return list.filter((id) => !hidden.has(id));
}

/**
 * One caller's view of the graph: its clearance, the parameters of VISIBLE (the hidden sources
 * read at most once, on first use, through the request's gateway so the statement is counted),
 * and visibleIds for the sourceIds lists of what arrives already read (links, path steps).
 */
export class Visibility {
  private lookup?: Promise<VisibilityParams>;

  constructor(
    private readonly db: Database,
    readonly clearance: Tlp,
  ) {}

  /**
   * The operator's view (RED: everything), for the tools that run on the database itself (the
   * command line, migrations, tests of the stored graph); a request never gets it by default.
   */
  static operator(db: Database): Visibility {
    return new Visibility(db, Tlp.RED);
  }

  /** True when nothing can be hidden (RED clearance): exact counts from the count store stay right. */
  get seesEverything(): boolean {
    return this.clearance === Tlp.RED;
  }

  /** This view lowered to `level` when that is stricter (an export's `?tlp=` / `--tlp`). */
  lowered(level: Tlp): Visibility {
    const clearance = stricterOf(this.clearance, level);
    return clearance === this.clearance ? this : new Visibility(this.db, clearance);
  }

  /** The levels this view sees: all that VISIBLE_BY_SOURCE_LOOKUP needs, with no statement. */
  get visibleTlp(): Tlp[] {
    return levelsUpTo(this.clearance);
  }

  /**
   * Keep parameters a statement read itself (a folded list reads the hidden sources in its own
   * statement): later statements of the request use them instead of reading them again.
   */
  remember(params: VisibilityParams): void {
    this.lookup ??= Promise.resolve(params);
  }

  params(): Promise<VisibilityParams> {
    this.lookup ??= this.readParams().catch((error: unknown) => {
      this.lookup = undefined; // a failed read (Neo4j down) is asked again by the next statement
      throw error;
    });
    return this.lookup;
  }

  private async readParams(): Promise<VisibilityParams> {
    const visibleTlp = this.visibleTlp;
    if (this.seesEverything) return { visibleTlp, hiddenSourceIds: [] };
    const [row] = await this.db.read<{ ids: string[] }>('visibility.hiddenSources', HIDDEN_SOURCES, { visibleTlp });
    return { visibleTlp, hiddenSourceIds: row?.ids ?? [] };
  }
}
