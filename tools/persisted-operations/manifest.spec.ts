import fs from 'node:fs';
import { buildManifest, MANIFEST_FILE, renderManifest, sha256Hex } from './manifest';

describe('persisted-operations manifest', () => {
  it('the committed manifest is the one generated from ../shared/contract/operations (else: npx tsx tools/persisted-operations/generate.ts)', () => {
    expect(fs.readFileSync(MANIFEST_FILE, 'utf8')).toBe(renderManifest(buildManifest()));
  });

  it('lists every named contract operation once, keyed by the sha256 of its printed text', () => {
    const { operations } = buildManifest();
    const names = Object.values(operations).map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['RegisterParty', 'PartyOverview', 'RequiredAssessment']));
    for (const [hash, { document }] of Object.entries(operations)) expect(sha256Hex(document)).toBe(hash);
  });
});
