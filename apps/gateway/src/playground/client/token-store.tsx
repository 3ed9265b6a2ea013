// The pasted bearer token lives in localStorage so that a page reload keeps the session.
const KEY = 'sec-assure.playground.bearer-token';

export function loadToken(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return ''; // storage disabled (private mode): the token just is not remembered
  }
}

export function saveToken(token: string): void {
  try {
    if (token === '') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, token);
  } catch {
    // see loadToken
  }
}

/** Accepts the token alone or a pasted "Bearer ..." / "Authorization: Bearer ..." line. */
export function normalizeToken(input: string): string {
  return input.trim().replace(/^authorization:\s*/i, '').replace(/^bearer\s+/i, '').trim();
}
