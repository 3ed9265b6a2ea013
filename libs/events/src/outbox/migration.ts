// Creates the outbox and processed-event tables. Services add this class to their own
// DataSource `migrations` list (next to their own migrations).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** NOTIFY channel the relay LISTENs on, fired by a trigger when outbox rows are inserted. */
export const OUTBOX_NOTIFY_CHANNEL = 'sec_outbox_message';

export class EventsOutbox1700000000000 implements MigrationInterface {
  name = 'EventsOutbox1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox_message" (
        "id" uuid NOT NULL,
        "seq" BIGSERIAL NOT NULL,
        "topic" text NOT NULL,
        "key" text NOT NULL,
        "type" text NOT NULL,
        "payload" jsonb NOT NULL,
        "headers" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_error" text,
        CONSTRAINT "PK_outbox_message" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_message_unsent" ON "outbox_message" ("seq") WHERE sent_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_message_unsent_key" ON "outbox_message" ("topic", "key", "seq") WHERE sent_at IS NULL`,
    );
    // Wakes relays as soon as a transaction that wrote outbox rows commits (NOTIFY is delivered
    // at commit, never for a rolled-back transaction). Polling remains the fallback.
    await queryRunner.query(`
      CREATE FUNCTION "outbox_message_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${OUTBOX_NOTIFY_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "outbox_message_notify" AFTER INSERT ON "outbox_message"
      FOR EACH STATEMENT EXECUTE FUNCTION "outbox_message_notify"()`);
    await queryRunner.query(`
      CREATE TABLE "processed_event" (
        "consumer_name" text NOT NULL,
        "event_id" uuid NOT NULL,
        "event_type" text NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_processed_event" PRIMARY KEY ("consumer_name", "event_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "processed_event"`);
    await queryRunner.query(`DROP TRIGGER "outbox_message_notify" ON "outbox_message"`);
    await queryRunner.query(`DROP FUNCTION "outbox_message_notify"()`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
  }
}
