import { needsCodePoints, pdfText } from './pdf-text';

export interface PackCopy {
  partyId: string;
  partyName: string | null;
  reason: string;
  addedAt: Date;
  acknowledgedAt: Date | null;
  issuedInErrorAt: Date | null;
}

export interface PackDocument {
  id: string;
  kind: string;
  title: string;
  issuedOn: string;
  sha256: string;
  copies: PackCopy[];
}

export interface DistributionPack {
  providerPartyId: string;
  providerName: string | null;
  documents: PackDocument[];
  generatedAt: Date;
}

const stamp = (d: Date | null): string => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');

/**
 * A provider's distribution pack as one PDF (pdfkit): each document about the provider with its
 * sha256 (so a reader can check the copy they hold), every party it went to, why, and whether and
 * when that party acknowledged it (R-DIST-2, R-DIST-3); copies marked issued in error say so (R-DIST-7).
 */
export async function distributionPackPdf(pack: DistributionPack): Promise<Buffer> {
  // Loaded on the first pack, not at start: pdfkit (and its fonts) is over 10 MB of memory that a
  // service answering no pack would hold for nothing.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Distribution pack: ${pack.providerName ?? pack.providerPartyId}`, Author: 'SECAS (sec-assure)' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(`Distribution pack: ${pdfText(pack.providerName ?? 'unknown party')}`);
  doc.font('Helvetica').fontSize(9).fillColor('#444').text(`Provider ${pack.providerPartyId}. Generated ${stamp(pack.generatedAt)}. ${pack.documents.length} document(s).`);
  const names = [pack.providerName ?? '', ...pack.documents.flatMap((d) => [d.title, ...d.copies.map((c) => c.partyName ?? '')])];
  if (names.some(needsCodePoints)) doc.text('Characters this PDF\'s font cannot show are written as <U+code point>; the platform holds every name and title as registered.');
  doc.fillColor('black').moveDown();
  if (pack.documents.length === 0) doc.fontSize(11).text('No document about this party has been issued.');
  for (const d of pack.documents) {
    doc.font('Helvetica-Bold').fontSize(12).text(pdfText(d.title));
    doc.font('Helvetica').fontSize(9).text(`${d.kind}, issued ${d.issuedOn}. Document ${d.id}`);
    doc.font('Courier').fontSize(8).text(`sha256 ${d.sha256}`);
    doc.font('Helvetica').fontSize(9).moveDown(0.3);
    for (const c of d.copies) {
      const ack = c.acknowledgedAt ? `acknowledged ${stamp(c.acknowledgedAt)}` : 'NOT ACKNOWLEDGED';
      const error = c.issuedInErrorAt ? `; marked issued in error ${stamp(c.issuedInErrorAt)}` : '';
      doc.text(`- ${pdfText(c.partyName ?? c.partyId)} (${c.reason}); copy from ${stamp(c.addedAt)}; ${ack}${error}`, { indent: 10 });
    }
    const acknowledged = d.copies.filter((c) => c.acknowledgedAt).length;
    doc.font('Helvetica-Oblique').text(`${d.copies.length} recipient(s), ${acknowledged} acknowledged.`, { indent: 10 }).font('Helvetica');
    doc.moveDown();
  }
  doc.end();
  return done;
}
