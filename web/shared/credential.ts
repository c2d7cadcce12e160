/**
 * The API key or bearer token a person types once: kept in sessionStorage (this tab's session,
 * never written to disk by the page, gone when the browser session ends) and sent as a header.
 */

export type CredentialKind = 'api-key' | 'bearer';

export interface Credential {
  kind: CredentialKind;
  value: string;
}

const STORAGE_KEY = 'sahel-graph.credential';

export function loadCredential(): Credential | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Credential> | null;
    if (!parsed || typeof parsed.value !== 'string' || !parsed.value) return null;
    return { kind: parsed.kind === 'bearer' ? 'bearer' : 'api-key', value: parsed.value };
  } catch {
    return null;
  }
}

export function saveCredential(credential: Credential | null): void {
  if (credential && credential.value.trim()) {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ kind: credential.kind, value: credential.value.trim() }));
  } else {
    sessionStorage.removeItem(STORAGE_KEY);
  }
}

/** The header the API reads: `x-api-key`, or `Authorization: Bearer`. */
export function credentialHeaders(credential: Credential | null = loadCredential()): Record<string, string> {
  if (!credential) return {};
  return credential.kind === 'bearer'
    ? { authorization: `Bearer ${credential.value}` }
    : { 'x-api-key': credential.value };
}
