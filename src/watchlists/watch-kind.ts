/** What a watch follows (docs/watchlists.md). */
export enum WatchKind {
  /** One entity: changes to it and to its relationships. */
  ENTITY = 'ENTITY',
  /** Two entities: the best path between them, as `shortestPath` answers it. */
  PAIR = 'PAIR',
}

/** Why an alert was recorded: what differs between the last answer and the new one. */
export enum AlertReason {
  /** A path appeared where there was none within maxHops. */
  PATH_FOUND = 'PATH_FOUND',
  /** The path there was is gone (retracted, hidden, below minCredibility). */
  PATH_LOST = 'PATH_LOST',
  SHORTER = 'SHORTER',
  LONGER = 'LONGER',
  /** Same length, other links. */
  ROUTE_CHANGED = 'ROUTE_CHANGED',
  SCORE_UP = 'SCORE_UP',
  SCORE_DOWN = 'SCORE_DOWN',
  /** A claim on the path is now corroborated. */
  CLAIM_CORROBORATED = 'CLAIM_CORROBORATED',
  /** A claim on the path is now denied, disputed or refuted. */
  CLAIM_DENIED = 'CLAIM_DENIED',
  /** A link, claim or source of the last best path was retracted. */
  RETRACTED = 'RETRACTED',
  /** The sources or grades of a link on the path changed (the sentences say how). */
  EVIDENCE_CHANGED = 'EVIDENCE_CHANGED',
  /** A watched entity or one of its relationships changed. */
  ENTITY_CHANGED = 'ENTITY_CHANGED',
}

/** Caps per identity (bounded work: every pair is one path query per commit that may affect it). */
export const MAX_WATCHES = 50;
export const MAX_PAIR_WATCHES = 10;
/** Alerts kept per identity: older ones are dropped when the watcher records new ones. */
export const MAX_ALERTS_KEPT = 1_000;
