import type { GraphQLFormattedError } from 'graphql';

/** Room for a refusal that names every item it is about (R-DIST-7 lists each document); echoed inputs are cut well before. */
const MAX_MESSAGE = 4000;
/** A quoted run this long is an echoed input rather than words. */
const LONG_QUOTED = 60;

/** Cuts every long "quoted" run to its start and its length; one pass (no regex: inputs are megabytes). */
function shortenQuoted(message: string): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const open = message.indexOf('"', i);
    if (open < 0) break;
    let close = open + 1;
    while (close < message.length && message[close] !== '"') close += message[close] === '\\' ? 2 : 1;
    if (close >= message.length) break;
    const inner = message.slice(open + 1, close);
    out += message.slice(i, open) + (inner.length >= LONG_QUOTED ? `"${inner.slice(0, 40)}…" (${inner.length} characters)` : `"${inner}"`);
    i = close + 1;
  }
  return out + message.slice(i);
}

/**
 * graphql-js quotes a refused variable in full ("Variable "$input" got invalid value "yyyy…" at …"):
 * a 6 MiB string came back as a 12 MB message. A person needs where and what kind, not the bytes.
 */
export function shortenEchoedValues(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.message.length <= MAX_MESSAGE) return formatted;
  let message = shortenQuoted(formatted.message);
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  return { ...formatted, message };
}
