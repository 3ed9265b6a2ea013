import { needsCodePoints, pdfText } from './pdf-text';

describe("the pack's text as its standard PDF fonts can show it (R-DIST-2: every recipient named as registered)", () => {
  it('keeps Latin-1 and the Windows-1252 extras; writes any other character as its code point, never as another character', () => {
    expect(pdfText('Ünïcødé “Hub” – €5')).toBe('Ünïcødé “Hub” – €5');
    expect(pdfText('Prov; One, 日本')).toBe('Prov; One, <U+65E5><U+672C>');
    expect(pdfText('Ελλάς 🙂')).toBe('<U+0395><U+03BB><U+03BB><U+03AC><U+03C2> <U+1F642>');
    expect(needsCodePoints('Ünïcødé')).toBe(false);
    expect(needsCodePoints('日本')).toBe(true);
  });
});
