export { boundedForLog, createDriver, Database, DEADLINE_GRACE_MS, int, LOG_MAX_ITEMS, LOG_MAX_STRING, type DatabaseOptions, type PoolUsage, type Params, type StatementEvent, type StatementListener, type Tx } from './database';
export { migrate, migrationsCurrent, readMigrations, MigrationError } from './migrations';
export { toAppError } from './neo4j-errors';
