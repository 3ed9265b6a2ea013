import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-SSC-2: the SSC may decline a nominee as not meeting the SEC requirements. The nomination row is
 * kept with who declined it, when and why; a nomination is approved or declined, never both.
 */
export class NominationDeclined1765200000000 implements MigrationInterface {
  name = 'NominationDeclined1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE nomination
        ADD COLUMN declined_at timestamptz,
        ADD COLUMN declined_by text,
        ADD COLUMN decline_reason text,
        ADD CONSTRAINT nomination_declined_complete CHECK ((declined_at IS NULL) = (decline_reason IS NULL) AND (declined_at IS NULL) = (declined_by IS NULL)),
        ADD CONSTRAINT nomination_approved_or_declined CHECK (NOT (approved_by_ssc AND declined_at IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE nomination
        DROP CONSTRAINT nomination_approved_or_declined,
        DROP CONSTRAINT nomination_declined_complete,
        DROP COLUMN decline_reason,
        DROP COLUMN declined_by,
        DROP COLUMN declined_at`);
  }
}
