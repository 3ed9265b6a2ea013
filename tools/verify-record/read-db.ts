// Reads a service database's record chain and its source rows, in UTC (as the chain wrote them).
import { Client } from 'pg';
import { RECORD_PAYLOAD_PLACEHOLDER, type RecordChainEntrySkeleton } from '@sec-assure/events';
import type { ChainHead, CurrentRows, RecordEntry } from './verify';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface RecordSnapshot {
  entries: RecordEntry[];
  head: ChainHead;
  current: CurrentRows;
}

export async function readRecord(connectionString: string): Promise<RecordSnapshot> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`SET timezone TO 'UTC'`);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const rows = await client.query<{ seq: string; source_table: string; source_key: string; content: string; row: string; content_hash: string; previous_hash: string; hash: string }>(
      `SELECT seq::text, source_table, source_key, content::text AS content, (content->'row')::text AS row, content_hash, previous_hash, hash FROM record_entry ORDER BY record_entry.seq`,
    );
    const entries = rows.rows.map((r) => ({
      seq: Number(r.seq),
      sourceTable: r.source_table,
      sourceKey: r.source_key,
      contentText: r.content,
      rowText: r.row,
      contentHash: r.content_hash,
      previousHash: r.previous_hash,
      hash: r.hash,
    }));
    const headRow = await client.query<{ seq: string; hash: string }>(`SELECT seq::text, hash FROM record_chain_head WHERE chain = 'main'`);
    const head = { seq: Number(headRow.rows[0]?.seq ?? -1), hash: headRow.rows[0]?.hash ?? '' };
    const sources = await client.query<{ table_name: string; key_columns: string[]; excluded_columns: string[] }>(
      `SELECT table_name, key_columns, excluded_columns FROM record_source ORDER BY table_name`,
    );
    const current = new Map<string, Map<string, string>>();
    for (const s of sources.rows) {
      const key = s.key_columns.map((c) => `(to_jsonb(t) ->> ${literal(c)})`).join(` || '/' || `);
      const excluded = `ARRAY[${s.excluded_columns.map(literal).join(',')}]::text[]`;
      const found = await client.query<{ key: string; row: string }>(`SELECT ${key} AS key, (to_jsonb(t) - ${excluded})::text AS row FROM ${quote(s.table_name)} t`);
      current.set(s.table_name, new Map(found.rows.map((r) => [r.key, r.row])));
    }
    await client.query('COMMIT');
    return { entries, head, current };
  } finally {
    await client.end();
  }
}

/** A database's chain entries in the form a head publishes them (the skeleton), by seq. */
export async function readRecordSkeleton(connectionString: string, topic: string): Promise<Map<number, RecordChainEntrySkeleton>> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const rows = await client.query<{ seq: string; source_table: string; source_key: string; content_hash: string; previous_hash: string; hash: string; outbox_content: string | null }>(
      `SELECT seq::text, source_table, source_key, content_hash, previous_hash, hash,
              CASE WHEN source_table = 'outbox_message' AND content #>> '{row,topic}' = $1
                   THEN jsonb_set(content, '{row,payload}', to_jsonb($2::text))::text END AS outbox_content
         FROM record_entry ORDER BY record_entry.seq`,
      [topic, RECORD_PAYLOAD_PLACEHOLDER],
    );
    return new Map(
      rows.rows.map((r) => [
        Number(r.seq),
        {
          seq: Number(r.seq),
          sourceTable: r.source_table,
          sourceKey: r.source_key,
          contentHash: r.content_hash,
          previousHash: r.previous_hash,
          hash: r.hash,
          ...(r.outbox_content === null ? {} : { outboxContent: r.outbox_content }),
        },
      ]),
    );
  } finally {
    await client.end();
  }
}
