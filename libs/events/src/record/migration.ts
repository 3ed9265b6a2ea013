// The tamper-evident record of a service: every chained row (its outbox events, and whatever the
// service registers: audit entries, documents, copies, acknowledgements) appends an entry to one hash
// chain per database, in the transaction that wrote the row. Each entry carries the hash of the
// previous entry and of its own content. A trigger does the append so that no write path can forget
// it; appends are serialised by a transaction-scoped advisory lock, taken at commit time only. Content is the row as
// PostgreSQL's jsonb text (keys ordered, fixed spacing: canonical), minus the columns that change
// legitimately after insert (e.g. the outbox's sent_at). Timestamps are written in UTC.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The hash of "nothing before": the first entry's previous hash. */
export const RECORD_GENESIS_HASH = '0'.repeat(64);

/** Columns of the outbox row the relay updates after insert: not part of the record. */
export const OUTBOX_MUTABLE_COLUMNS = ['sent_at', 'attempts', 'next_attempt_at', 'last_error'] as const;

/** SQL that registers a table in the record (and chains its existing rows, oldest first). */
export function registerRecordSourceSql(table: string, keyColumns: readonly string[], excludedColumns: readonly string[], options: { onUpdate?: boolean; orderBy?: string } = {}): string[] {
  const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;
  const events = options.onUpdate ? 'INSERT OR UPDATE' : 'INSERT';
  return [
    // The existing rows are chained as this session renders them: in UTC, like the trigger.
    `SET LOCAL timezone TO 'UTC'`,
    `INSERT INTO "record_source" ("table_name", "key_columns", "excluded_columns") VALUES ('${table}', ${arr(keyColumns)}, ${arr(excludedColumns)})`,
    `SELECT record_chain_append_row('${table}', 'INSERT', to_jsonb(t)) FROM "${table}" t ORDER BY ${options.orderBy ?? keyColumns.map((c) => `"${c}"`).join(', ')}`,
    // Deferred to commit: the chain is locked only while the transaction commits, not from its
    // first chained write to its end, so concurrent writers are not serialised behind each other's work.
    `CREATE CONSTRAINT TRIGGER "record_chain_${table}" AFTER ${events} ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_chain_trigger()`,
  ];
}

export class RecordChain1765100000000 implements MigrationInterface {
  name = 'RecordChain1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "record_source" (
        "table_name" text PRIMARY KEY,
        "key_columns" text[] NOT NULL,
        "excluded_columns" text[] NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "record_entry" (
        "seq" bigint PRIMARY KEY,
        "source_table" text NOT NULL,
        "source_key" text NOT NULL,
        "content" jsonb NOT NULL,
        "content_hash" char(64) NOT NULL,
        "previous_hash" char(64) NOT NULL,
        "hash" char(64) NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_record_entry_source" ON "record_entry" ("source_table", "source_key", "seq")`);
    // The head is the last entry, read through a view: a head row updated once per appended entry
    // piles up row versions inside a large transaction (a 100,000-row import), and each later
    // append walks them all, so the cost grew with the square of the rows.
    await queryRunner.query(`
      CREATE VIEW "record_chain_head" AS
        SELECT 'main'::text AS chain, COALESCE(e.seq, 0) AS seq, COALESCE(e.hash, '${RECORD_GENESIS_HASH}') AS hash
        FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT seq, hash FROM record_entry ORDER BY seq DESC LIMIT 1) AS e ON true`);
    // content = {"key", "op", "row", "table"}; content_hash = sha256(content::text);
    // hash = sha256("<seq>:<previous hash>:<content hash>"). tools/verify-record recomputes all three.
    await queryRunner.query(`
      CREATE FUNCTION record_chain_append_row(tbl text, op text, full_row jsonb) RETURNS void
      LANGUAGE plpgsql SET timezone TO 'UTC' AS $$
      DECLARE
        src record_source%ROWTYPE;
        head_seq bigint;
        head_hash text;
        body jsonb;
        k text;
        ch text;
        h text;
      BEGIN
        SELECT * INTO src FROM record_source WHERE table_name = tbl;
        IF NOT FOUND THEN RAISE EXCEPTION 'record_chain: % is not a record source', tbl; END IF;
        SELECT string_agg(full_row ->> c, '/' ORDER BY o) INTO k FROM unnest(src.key_columns) WITH ORDINALITY AS u(c, o);
        body := jsonb_build_object('table', tbl, 'key', k, 'op', op, 'row', full_row - src.excluded_columns);
        -- One appender at a time, until this transaction ends (deferred triggers: during commit).
        PERFORM pg_advisory_xact_lock(hashtext('record-chain:main'));
        SELECT seq, hash INTO head_seq, head_hash FROM record_entry ORDER BY seq DESC LIMIT 1;
        IF NOT FOUND THEN head_seq := 0; head_hash := '${RECORD_GENESIS_HASH}'; END IF;
        ch := encode(sha256(convert_to(body::text, 'UTF8')), 'hex');
        h := encode(sha256(convert_to((head_seq + 1)::text || ':' || head_hash || ':' || ch, 'UTF8')), 'hex');
        INSERT INTO record_entry (seq, source_table, source_key, content, content_hash, previous_hash, hash)
          VALUES (head_seq + 1, tbl, k, body, ch, head_hash, h);
      END $$`);
    // A row read inside a function with timezone UTC renders its timestamps in UTC.
    await queryRunner.query(`
      CREATE FUNCTION record_chain_trigger() RETURNS trigger
      LANGUAGE plpgsql SET timezone TO 'UTC' AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND to_jsonb(OLD) = to_jsonb(NEW) THEN RETURN NULL; END IF;
        PERFORM record_chain_append_row(TG_TABLE_NAME, TG_OP, to_jsonb(NEW));
        RETURN NULL;
      END $$`);
    for (const sql of registerRecordSourceSql('outbox_message', ['id'], OUTBOX_MUTABLE_COLUMNS, { orderBy: '"seq"' })) {
      await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ DECLARE t text; BEGIN
      FOR t IN SELECT table_name FROM record_source LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', 'record_chain_' || t, t);
      END LOOP; END $$`);
    await queryRunner.query(`DROP FUNCTION record_chain_trigger()`);
    await queryRunner.query(`DROP FUNCTION record_chain_append_row(text, text, jsonb)`);
    await queryRunner.query(`DROP VIEW "record_chain_head"`);
    await queryRunner.query(`DROP TABLE "record_entry"`);
    await queryRunner.query(`DROP TABLE "record_source"`);
  }
}
