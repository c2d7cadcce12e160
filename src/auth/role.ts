/** What a caller may do: a reader reads, an editor also writes, an admin also imports, merges and retracts. */
export type Role = 'reader' | 'editor' | 'admin';

export const ROLES: readonly Role[] = ['reader', 'editor', 'admin'];
