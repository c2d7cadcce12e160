/**
 * What one importBundle (the GraphQL mutation, importStix that hands it its bundle, the seed) may
 * write. It is ONE Neo4j transaction, all or nothing with a history node per record, and the
 * transaction's state lives in Neo4j's heap: past about 40,000 writes (small records) or 16,000
 * (records full of text) the default 512 MB heap runs out of transaction memory after a minute
 * of work. Measured with `npm run bench:bundle-cap`; figures and reasons in docs/import-limits.md.
 * Its bytes are capped by the admin body limit (MAX_ADMIN_BODY_BYTES, DEFAULT_MAX_ADMIN_BODY_BYTES
 * in config.ts). Larger files go through `npm run import` (streamed, batches of their own).
 */

/** Writes: every record, and every source a claim cites (each becomes a REPORTED_BY relationship). */
export const MAX_IMPORT_BUNDLE_WRITES = 10_000;
