import { entryHash, GENESIS_HASH, sha256, verifyChain, type RecordEntry } from './verify';

function chain(rows: Array<[string, string, string]>): RecordEntry[] {
  let previous = GENESIS_HASH;
  return rows.map(([table, key, rowText], i) => {
    const contentText = `{"key": "${key}", "op": "INSERT", "row": ${rowText}, "table": "${table}"}`;
    const contentHash = sha256(contentText);
    const hash = entryHash(i + 1, previous, contentHash);
    const e = { seq: i + 1, sourceTable: table, sourceKey: key, contentText, rowText, contentHash, previousHash: previous, hash };
    previous = hash;
    return e;
  });
}

describe('verifyChain', () => {
  const entries = chain([['audit_entry', '1', '{"id": 1}'], ['audit_entry', '2', '{"id": 2}'], ['audit_entry', '1', '{"id": 1, "ack": true}']]);
  const head = { seq: 3, hash: entries[2]!.hash };
  const rows = (extra: Array<[string, string]> = []) => new Map([['audit_entry', new Map([['1', '{"id": 1, "ack": true}'], ['2', '{"id": 2}'], ...extra])]]);

  it('accepts a clean chain and compares each row with its latest entry', () => {
    expect(verifyChain(entries, head, rows())).toMatchObject({ ok: true, entries: 3 });
  });
  it('names a removed entry, a broken link and a head that is not the last entry', () => {
    expect(verifyChain([entries[0]!, entries[2]!], head, rows()).failure).toMatchObject({ seq: 3, reason: expect.stringMatching(/expected entry 2/) });
    const relinked = entries.map((e, i) => (i === 1 ? { ...e, previousHash: GENESIS_HASH } : e));
    expect(verifyChain(relinked, head, rows()).failure).toMatchObject({ seq: 2, reason: expect.stringMatching(/previous hash/) });
    expect(verifyChain(entries, { seq: 2, hash: entries[1]!.hash }, rows()).failure).toMatchObject({ table: 'record_chain_head' });
  });
  it('names a row written with the record bypassed, and a chained row deleted', () => {
    expect(verifyChain(entries, head, rows([['3', '{"id": 3}']])).failure).toMatchObject({ seq: 0, key: '3', reason: expect.stringMatching(/never chained/) });
    const gone = new Map([['audit_entry', new Map([['1', '{"id": 1, "ack": true}']])]]);
    expect(verifyChain(entries, head, gone).failure).toMatchObject({ seq: 2, key: '2', reason: expect.stringMatching(/gone/) });
  });
});
