import type { EntityManager } from 'typeorm';

/** At most this many following entries are returned; beyond, the proof says it is partial. */
export const MAX_FOLLOWING_ENTRIES = 500;

export interface CopyRecordProof {
  documentSha256: string;
  position: number;
  content: string;
  contentHash: string;
  previousHash: string;
  entryHash: string;
  documentPosition: number;
  documentEntryHash: string;
  headPosition: number;
  headHash: string;
  followingContentHashes: string[];
  complete: boolean;
}

interface EntryRow {
  seq: string;
  content: string;
  content_hash: string;
  previous_hash: string;
  hash: string;
}

const ENTRY = `SELECT seq::text, content::text AS content, content_hash, previous_hash, hash FROM record_entry`;

/**
 * A copy's place in report-distribution's record (libs/events RecordChain): the latest entry of the copy
 * (its issue, or its last change), the document's own entry (whose content holds the document's sha256),
 * and the content hashes of every later entry up to the head, so that a recipient recomputes
 * hash = sha256("<seq>:<previous hash>:<content hash>") from its entry to the head and compares the head
 * with one it was given before (or with tools/verify-record's). Read in one snapshot.
 */
export async function copyRecordProof(manager: EntityManager, documentId: string, partyId: string): Promise<CopyRecordProof | null> {
  return manager.transaction('REPEATABLE READ', async (m) => {
    await m.query(`SET LOCAL timezone TO 'UTC'`);
    const [copy] = (await m.query(`${ENTRY} WHERE source_table = 'document_recipient' AND source_key = $1 ORDER BY seq DESC LIMIT 1`, [`${documentId}/${partyId}`])) as EntryRow[];
    const [doc] = (await m.query(`${ENTRY} WHERE source_table = 'document' AND source_key = $1 ORDER BY seq DESC LIMIT 1`, [documentId])) as EntryRow[];
    if (!copy || !doc) return null;
    const [head] = (await m.query(`SELECT seq::text AS seq, hash FROM record_chain_head WHERE chain = 'main'`)) as Array<{ seq: string; hash: string }>;
    const following = (await m.query(`SELECT content_hash FROM record_entry WHERE seq > $1 ORDER BY seq LIMIT $2`, [copy.seq, MAX_FOLLOWING_ENTRIES + 1])) as Array<{ content_hash: string }>;
    const documentSha256 = (JSON.parse(doc.content) as { row: { sha256: string } }).row.sha256;
    return {
      documentSha256,
      position: Number(copy.seq),
      content: copy.content,
      contentHash: copy.content_hash,
      previousHash: copy.previous_hash,
      entryHash: copy.hash,
      documentPosition: Number(doc.seq),
      documentEntryHash: doc.hash,
      headPosition: Number(head!.seq),
      headHash: head!.hash,
      followingContentHashes: following.slice(0, MAX_FOLLOWING_ENTRIES).map((f) => f.content_hash),
      complete: following.length <= MAX_FOLLOWING_ENTRIES,
    };
  });
}
