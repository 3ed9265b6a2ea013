import { useState, type FormEvent } from 'react';
import { normalizeToken } from './token-store';

interface TokenBarProps {
  token: string;
  onApply: (token: string) => void;
}

/** One field for the bearer token; applying it re-fetches the schema with the new identity. */
export function TokenBar({ token, onApply }: TokenBarProps) {
  const [draft, setDraft] = useState(token);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(normalizeToken(draft));
  };
  return (
    <form className="sa-token-bar" onSubmit={submit} aria-label="Authentication">
      <label htmlFor="sa-token">Bearer token</label>
      <input
        id="sa-token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="paste a JWT (npx tsx tools/token/mint.ts --role SECAS_ADMIN)"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit">Use token</button>
      <button
        type="button"
        onClick={() => {
          setDraft('');
          onApply('');
        }}
      >
        Clear
      </button>
      <span className="sa-token-state" data-testid="token-state">
        {token === '' ? 'no token: requests are sent unauthenticated' : 'token set: sent as Authorization header'}
      </span>
    </form>
  );
}
