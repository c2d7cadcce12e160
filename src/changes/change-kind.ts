/** What a change-feed entry records: the `change` of its (:Change) history entry. */
export enum ChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  RETRACTED = 'RETRACTED',
  /** The entity that stays in a merge (it gained the duplicates' aliases, sources and links). */
  MERGED = 'MERGED',
  /** A duplicate merged away (now retracted, pointing at the entity that stays). */
  MERGED_INTO = 'MERGED_INTO',
  /** A curator's review of a document's proposals (docs/review.md). */
  REVIEWED = 'REVIEWED',
  /** An import run (`npm run import`) completed: its records are in the graph. */
  IMPORT_COMMITTED = 'IMPORT_COMMITTED',
  /** An import run was undone (docs/imports.md): re-read what it touched. */
  IMPORT_ROLLED_BACK = 'IMPORT_ROLLED_BACK',
  /** A watch's alert (docs/watchlists.md): shown to the watch's owner only. */
  ALERT = 'ALERT',
}

/** The target types a feed can be filtered on besides the model's labels and relationship types. */
export const DOCUMENT_TARGET = 'Document';
export const IMPORT_RUN_TARGET = 'ImportRun';
/** An alert's entries carry its owner and are private to it (src/watchlists/). */
export const ALERT_TARGET = 'Alert';
