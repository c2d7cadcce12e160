/**
 * Who holds a record: the Cypher fragments both write paths share, so a rollback undoes exactly
 * what its import run changed and nothing another run or a curator relies on (docs/imports.md).
 *
 * Every node and relationship carries `heldBy`, the holders of its CURRENT content:
 * - an import run that creates or updates it: `[run]` (the content is that run's write);
 * - an import run that finds it unchanged (the same content hash): the run is added to the list;
 * - a one-transaction write (curator mutations, importBundle, seed; bundle.repository.ts):
 *   `['curated']` when it creates or updates, 'curated' added when it confirms.
 * `importRun` stays the run that wrote the content (history reads it). A rollback of run B
 * removes B from every list, restores B's pre-image only when B is the sole holder, and deletes
 * what B created only when no holder and no relationship B did not write remains.
 */

/** The holder a one-transaction write records: never rolled back. */
export const CURATED_HOLDER = 'curated';
/** Stands for holders dropped from a long list (never rolled back, so it keeps the record). */
export const EARLIER_HOLDER = 'earlier';
/** Holders kept per record; a source every import confirms would otherwise grow without end. */
export const MAX_HOLDERS = 8;

/** The holders of `x` (a record written before holders existed: the run that wrote it). */
export const HOLDERS = (x: string) => `coalesce(${x}.heldBy, [h IN [${x}.importRun] WHERE h IS NOT NULL])`;

/** `x`'s holders with `holder` (a Cypher expression) added once; past MAX_HOLDERS the oldest become 'earlier'. */
export const WITH_HOLDER = (x: string, holder: string) =>
  `CASE WHEN ${holder} IN ${HOLDERS(x)} THEN ${HOLDERS(x)} ` +
  `WHEN size(${HOLDERS(x)}) < ${MAX_HOLDERS} THEN ${HOLDERS(x)} + ${holder} ` +
  `ELSE ['${EARLIER_HOLDER}'] + [h IN ${HOLDERS(x)} WHERE h <> '${EARLIER_HOLDER}'][${2 - MAX_HOLDERS}..] + ${holder} END`;

/** The first import run among `holders` (an expression): who a record passes to, or null. */
export const HEIR = (holders: string) =>
  `head([h IN ${holders} WHERE NOT h IN ['${CURATED_HOLDER}', '${EARLIER_HOLDER}']])`;
