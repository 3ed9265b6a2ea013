/**
 * The pack's fonts are PDF's standard ones (pdfkit, WinAnsi encoding, no font files to ship): they
 * show Latin-1 and the Windows-1252 extras only, and pdfkit writes any other character as bytes of
 * something else ("日本" read as "eåg,"). Such characters are written as their code points instead,
 * so a name is never shown as another one.
 */
const WINDOWS_1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const showable = (c: string): boolean => {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WINDOWS_1252_EXTRAS.has(c);
};

/** Text as the pack's fonts can show it: each other character as <U+XXXX>. */
export function pdfText(text: string): string {
  let out = '';
  for (const c of text) out += showable(c) ? c : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
  return out;
}

/** Whether pdfText changes the text (the pack then says how to read it). */
export const needsCodePoints = (text: string): boolean => [...text].some((c) => !showable(c));
