// Verifies a service's record chain (libs/events RecordChain) as plain data: no I/O here.
import { createHash } from 'node:crypto';

/** One chain entry as stored; texts are PostgreSQL's jsonb text of the content and of its row. */
export interface RecordEntry {
  seq: number;
  sourceTable: string;
  sourceKey: string;
  contentText: string;
  rowText: string;
  contentHash: string;
  previousHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The rows of the record's source tables as they are now: table -> key -> row text (chained columns only). */
export type CurrentRows = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface Failure {
  /** The first entry that does not verify (0 when the fault is not in an entry: e.g. a row never chained). */
  seq: number;
  table: string;
  key: string;
  reason: string;
}

export interface Verdict {
  ok: boolean;
  entries: number;
  head: ChainHead;
  failure: Failure | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
export const entryHash = (seq: number, previousHash: string, contentHash: string): string => sha256(`${seq}:${previousHash}:${contentHash}`);

/**
 * Walks the chain in order: each entry's previous hash, content hash and own hash must recompute;
 * the head must be the last entry; then each source row now in the tables must equal the row its
 * latest entry chained, and every chained row must still be there. The first fault is named.
 */
export function verifyChain(entries: readonly RecordEntry[], head: ChainHead, current: CurrentRows): Verdict {
  const fail = (seq: number, table: string, key: string, reason: string): Verdict => ({ ok: false, entries: entries.length, head, failure: { seq, table, key, reason } });
  let previous = GENESIS_HASH;
  const latest = new Map<string, RecordEntry>();
  for (let i = 0; i < entries.length; i += 1) {
    const e = entries[i]!;
    if (e.seq !== i + 1) return fail(e.seq, e.sourceTable, e.sourceKey, `expected entry ${i + 1} here: an entry is missing or was inserted`);
    if (e.previousHash !== previous) return fail(e.seq, e.sourceTable, e.sourceKey, 'its previous hash is not the hash of the entry before it');
    if (sha256(e.contentText) !== e.contentHash) return fail(e.seq, e.sourceTable, e.sourceKey, 'its content does not hash to its content hash (the entry was altered)');
    if (entryHash(e.seq, e.previousHash, e.contentHash) !== e.hash) return fail(e.seq, e.sourceTable, e.sourceKey, 'its hash does not recompute');
    previous = e.hash;
    latest.set(`${e.sourceTable}\u0000${e.sourceKey}`, e);
  }
  if (head.seq !== entries.length || head.hash !== previous) {
    return fail(head.seq, 'record_chain_head', 'main', `the chain head (${head.seq}, ${head.hash.slice(0, 12)}…) is not the last entry (${entries.length}, ${previous.slice(0, 12)}…)`);
  }
  // Rows are compared in chain order so that the earliest altered one is named.
  const byLatestSeq = [...latest.values()].sort((a, b) => a.seq - b.seq);
  for (const e of byLatestSeq) {
    const now = current.get(e.sourceTable)?.get(e.sourceKey);
    if (now === undefined) return fail(e.seq, e.sourceTable, e.sourceKey, 'the row it chained is gone');
    if (now !== e.rowText) return fail(e.seq, e.sourceTable, e.sourceKey, 'the row differs from the one it chained (changed outside the record)');
  }
  for (const [table, rows] of current) {
    for (const key of rows.keys()) {
      if (!latest.has(`${table}\u0000${key}`)) return fail(0, table, key, 'this row was never chained (written with the record bypassed)');
    }
  }
  return { ok: true, entries: entries.length, head, failure: null };
}
