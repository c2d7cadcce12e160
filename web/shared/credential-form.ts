import { loadCredential, saveCredential, type CredentialKind } from './credential';

/**
 * The header's key-or-token form, the same on every page: typed once, kept for the browser
 * session (credential.ts), and `changed` re-asks the API with it.
 */
export function wireCredentialForm(changed: () => void): void {
  const form = document.getElementById('credential-form');
  const kind = document.getElementById('credential-kind') as HTMLSelectElement | null;
  const value = document.getElementById('credential-value') as HTMLInputElement | null;
  const status = document.getElementById('credential-status');
  const forget = document.getElementById('credential-forget');
  if (!form || !kind || !value || !status || !forget) throw new Error('page lacks the credential form');
  const show = () => {
    const credential = loadCredential();
    status.textContent = credential
      ? `${credential.kind === 'bearer' ? 'Token' : 'Key'} in use for this session`
      : 'No key set (anonymous, where allowed)';
    if (credential) kind.value = credential.kind;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveCredential({ kind: kind.value as CredentialKind, value: value.value });
    value.value = '';
    show();
    changed();
  });
  forget.addEventListener('click', () => {
    saveCredential(null);
    show();
    changed();
  });
  show();
}
