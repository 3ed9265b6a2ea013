/**
 * The one text rule of every service's input edge. A string a person or a program sends may hold
 * printable text, spaces, tabs and line breaks, nothing else that is invisible:
 * - NUL and the other C0/C1 control characters (PostgreSQL cannot even store NUL; the rest hide in
 *   logs, CSV exports and terminals);
 * - bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make a stored name
 *   read differently from what it is ("Trojan Source"); plain right-to-left text needs none of them.
 * Lengths are each field's own rule (its domain function); this rule only says what may be in it.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const NAMES: Record<string, string> = {
  '\u0000': 'NUL',
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
};

const describe = (ch: string): string => {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMES[ch] ? `${code} ${NAMES[ch]}` : `${code} (a control character)`;
};

/**
 * Half of a character: a UTF-16 surrogate without its pair (JSON's "\ud83d" alone). No UTF-8 text
 * can hold it: PostgreSQL refused the event holding it (an internal error) and a text column
 * stored U+FFFD in its place, a silent change.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** Null when the text may be stored; otherwise what is wrong with it, for a person to fix. */
export function textProblem(value: string): string | null {
  const half = LONE_SURROGATE.exec(value);
  if (half) {
    const code = `U+${half[0].charCodeAt(0).toString(16).toUpperCase()}`;
    return `contains half of a character (${code}, a UTF-16 surrogate without its pair) at position ${half.index + 1}; send the whole character or remove it`;
  }
  const match = FORBIDDEN.exec(value);
  if (!match) return null;
  return (
    `contains the invisible character ${describe(match[0])} at position ${match.index + 1}; ` +
    'remove control and bidirectional-override characters (tabs and line breaks are allowed)'
  );
}

export { isUuid } from '@sec-assure/rules';
