export { int, toNeo4jDate } from './neo4j-values';
export {
  boundedForLog,
  createDriver,
  Database,
  maxRetryTimeMs,
  DEADLINE_GRACE_MS,
  LOG_MAX_ITEMS,
  LOG_MAX_STRING,
  type DatabaseOptions,
  type PoolUsage,
  type Params,
  type StatementEvent,
  type StatementListener,
  type CommitListener,
  type Tx,
} from './database';
export {
  CHANGE_FEED_ID,
  CHANGE_FEED_LABEL,
  CHANGE_LABEL,
  SEQUENCE_CHANGES,
  UNSEQUENCED_LABEL,
} from './change-sequence';
export { migrate, migrationsCurrent, readMigrations, MigrationError } from './migrations';
export { toAppError } from './neo4j-errors';
export { hopBound, varLengthBound } from './path-bounds';
export { PROPERTY_COLUMN } from './property-columns';
export { FilterClauses } from './filter-clauses';
export { writeOrDryRun } from './dry-run';
export { BookmarkCheck } from './bookmark-check';
export {
  bookmarkProblem,
  decodeBookmark,
  MAX_BOOKMARK_LENGTH,
  MAX_BOOKMARKS,
  RequestBookmarks,
  SYSTEM_DATABASE_UUID,
  type BookmarkPosition,
} from './bookmarks';
export {
  HIDDEN_SOURCES,
  HIDDEN_SOURCES_AS,
  levelsUpTo,
  stricterOf,
  VISIBLE,
  VISIBLE_BY_SOURCE_LOOKUP,
  Visibility,
  visibleIds,
  type VisibilityParams,
} from './visibility';
