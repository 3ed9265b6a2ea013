import { inflateSync } from 'node:zlib';
import { distributionPackPdf, type DistributionPack } from './distribution-pack';

/** The text a PDF shows, as pdfkit writes it: hex strings in TJ arrays of deflated content streams. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated content stream (fonts, metadata)
    }
    for (const tj of content.matchAll(/\[(.*?)\] TJ/g)) {
      lines.push([...tj[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}

const PACK: DistributionPack = {
  providerPartyId: '11111111-1111-4111-8111-111111111111',
  providerName: 'Hub Provider Ltd',
  generatedAt: new Date('2026-03-01T10:00:00Z'),
  documents: [
    {
      id: '22222222-2222-4222-8222-222222222222',
      kind: 'ASSESSMENT_REPORT',
      title: 'Full assessment report 2026',
      issuedOn: '2026-02-10',
      sha256: 'a'.repeat(64),
      copies: [
        { partyId: 'p1', partyName: 'Hub Provider Ltd', reason: 'SUBJECT', addedAt: new Date('2026-02-10T09:00:00Z'), acknowledgedAt: new Date('2026-02-11T08:30:00Z'), issuedInErrorAt: null },
        { partyId: 'p2', partyName: 'North Energy', reason: 'ENGAGED_ON_ISSUE_DATE', addedAt: new Date('2026-02-10T09:00:00Z'), acknowledgedAt: null, issuedInErrorAt: null },
        { partyId: 'p3', partyName: null, reason: 'NEWLY_ENGAGED', addedAt: new Date('2026-02-20T09:00:00Z'), acknowledgedAt: null, issuedInErrorAt: new Date('2026-02-21T12:00:00Z') },
      ],
    },
  ],
};

describe('distribution pack PDF (R-DIST-2, R-DIST-3, R-DIST-7)', () => {
  it('lists each document with its sha256, every recipient and whether it acknowledged', async () => {
    const pdf = await distributionPackPdf(PACK);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Distribution pack: Hub Provider Ltd');
    expect(text).toContain('Full assessment report 2026');
    expect(text).toContain(`sha256 ${'a'.repeat(64)}`);
    expect(text).toContain('- Hub Provider Ltd (SUBJECT); copy from 2026-02-10 09:00 UTC; acknowledged 2026-02-11 08:30 UTC');
    expect(text).toContain('- North Energy (ENGAGED_ON_ISSUE_DATE); copy from 2026-02-10 09:00 UTC; NOT ACKNOWLEDGED');
    expect(text).toMatch(/- p3 \(NEWLY_ENGAGED\); copy from 2026-02-20 09:00 UTC; NOT ACKNOWLEDGED; marked issued in error\s*2026-02-21 12:00 UTC/);
    expect(text).toContain('3 recipient(s), 1 acknowledged.');
  });

  it('names outside the fonts\' characters by their code points, and says so, never as other characters', async () => {
    const pack = { ...PACK, providerName: 'Prov; One, 日本', documents: [{ ...PACK.documents[0]!, copies: [{ ...PACK.documents[0]!.copies[1]!, partyName: 'Ünïcødé Énergie' }] }] };
    const text = pdfText(await distributionPackPdf(pack));
    expect(text).toContain('Distribution pack: Prov; One, <U+65E5><U+672C>');
    expect(text).toContain('- Ünïcødé Énergie (ENGAGED_ON_ISSUE_DATE)');
    expect(text).toMatch(/Characters this PDF's font cannot show are written as <U\+code point>/);
    expect(pdfText(await distributionPackPdf(PACK))).not.toContain('code point');
  });

  it('says so when no document about the party was issued', async () => {
    expect(pdfText(await distributionPackPdf({ ...PACK, documents: [] }))).toContain('No document about this party has been issued.');
  });
});
