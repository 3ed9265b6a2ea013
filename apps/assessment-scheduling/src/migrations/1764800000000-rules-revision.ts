import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rules revision of 2026-12-02: effective-dated roles and designations (R-PARTY-1, R-SRP-2), the day an
 * assessment was booked (R-SCHED-1), SSC-directed FULLs and cancellations (R-STATUS-2).
 *
 * Existing rows are upgraded in place. What the old projection never recorded is filled so that answers do not
 * change on upgrade: roles and designations as held since 1900-01-01, the booking day as the London day the
 * row was created. Rebuilding the projection (README) then replaces those with the dates on the topic.
 */
export class RulesRevision1764800000000 implements MigrationInterface {
  name = 'RulesRevision1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assessment ADD COLUMN scheduled_on date');
    await q.query(`UPDATE assessment SET scheduled_on = (created_at AT TIME ZONE 'Europe/London')::date`);
    await q.query('ALTER TABLE assessment ALTER COLUMN scheduled_on SET NOT NULL');
    await q.query('ALTER TABLE assessment ADD COLUMN directed_by_ssc boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE assessment ADD COLUMN direction_reason text');
    await q.query('ALTER TABLE assessment ADD COLUMN cancelled_on date');
    await q.query('ALTER TABLE assessment ADD COLUMN cancelled_by text');
    await q.query('ALTER TABLE assessment ADD COLUMN cancellation_reason text');
    await q.query('ALTER TABLE assessment ADD COLUMN state_before_cancellation text');
    await q.query('ALTER TABLE assessment DROP CONSTRAINT assessment_state_check');
    await q.query(`ALTER TABLE assessment ADD CONSTRAINT assessment_state_check CHECK (state IN ('SCHEDULED', 'COMPLETED', 'STATUS_SET', 'CANCELLED'))`);
    // Who, when and why are never missing from a cancellation or a direction (R-STATUS-2).
    await q.query(`ALTER TABLE assessment ADD CONSTRAINT assessment_cancellation_recorded CHECK (
      (state = 'CANCELLED') = (cancelled_on IS NOT NULL AND cancelled_by IS NOT NULL AND cancellation_reason IS NOT NULL))`);
    await q.query(`ALTER TABLE assessment ADD CONSTRAINT assessment_direction_recorded CHECK (
      NOT directed_by_ssc OR (type = 'FULL' AND direction_reason IS NOT NULL))`);

    await q.query(`
      CREATE TABLE projected_role_change (
        seq bigserial PRIMARY KEY,
        party_id text NOT NULL,
        role text NOT NULL,
        change text NOT NULL CHECK (change IN ('GAINED', 'GIVEN_UP')),
        effective_from date NOT NULL
      )`);
    await q.query('CREATE INDEX projected_role_change_party ON projected_role_change (party_id, effective_from)');
    await q.query(`
      INSERT INTO projected_role_change (party_id, role, change, effective_from)
      SELECT id, unnest(user_roles), 'GAINED', DATE '1900-01-01' FROM projected_party ORDER BY id`);

    await q.query('ALTER TABLE projected_provider_designation ADD COLUMN effective_from date');
    await q.query(`UPDATE projected_provider_designation SET effective_from = DATE '1900-01-01'`);
    await q.query('ALTER TABLE projected_provider_designation ALTER COLUMN effective_from SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE projected_provider_designation DROP COLUMN effective_from');
    await q.query('DROP TABLE projected_role_change');
    await q.query('ALTER TABLE assessment DROP CONSTRAINT assessment_direction_recorded');
    await q.query('ALTER TABLE assessment DROP CONSTRAINT assessment_cancellation_recorded');
    await q.query(`DELETE FROM assessment WHERE state = 'CANCELLED'`);
    await q.query('ALTER TABLE assessment DROP CONSTRAINT assessment_state_check');
    await q.query(`ALTER TABLE assessment ADD CONSTRAINT assessment_state_check CHECK (state IN ('SCHEDULED', 'COMPLETED', 'STATUS_SET'))`);
    for (const column of ['state_before_cancellation', 'cancellation_reason', 'cancelled_by', 'cancelled_on', 'direction_reason', 'directed_by_ssc', 'scheduled_on']) {
      await q.query(`ALTER TABLE assessment DROP COLUMN ${column}`);
    }
  }
}
