import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-PARTY-1, R-SRP-2, R-SRP-7: effective-dated roles, resource availability, designation start and
 * the provider's end notice. Existing rows get the only dates known for them: the party's roles
 * are held, and each resource available, from the (Europe/London) day it was registered; a
 * designation starts on the earliest availableFrom of the provider's qualifying resources.
 */
export class EffectiveDates1764700000000 implements MigrationInterface {
  name = 'EffectiveDates1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE party_role_change (
        id bigserial PRIMARY KEY,
        party_id uuid NOT NULL REFERENCES party(id),
        role text NOT NULL,
        change text NOT NULL CHECK (change IN ('GAINED', 'GIVEN_UP')),
        effective_from date NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX idx_party_role_change_party ON party_role_change (party_id, id)');
    await q.query(`
      INSERT INTO party_role_change (party_id, role, change, effective_from, recorded_at)
      SELECT p.id, r.role, 'GAINED', (p.registered_at AT TIME ZONE 'Europe/London')::date, p.registered_at
        FROM party p CROSS JOIN LATERAL unnest(p.user_roles) AS r(role)
       ORDER BY p.registered_at, p.id`);

    await q.query('ALTER TABLE shared_resource ADD COLUMN available_from date');
    await q.query(`UPDATE shared_resource SET available_from = (registered_at AT TIME ZONE 'Europe/London')::date`);
    await q.query('ALTER TABLE shared_resource ALTER COLUMN available_from SET NOT NULL');

    await q.query('ALTER TABLE party ADD COLUMN provider_from date');
    await q.query(`
      UPDATE party p SET provider_from = COALESCE(
        (SELECT min(r.available_from) FROM shared_resource r WHERE r.provider_party_id = p.id AND r.opt_in_as_provider),
        (p.registered_at AT TIME ZONE 'Europe/London')::date)
       WHERE p.is_shared_resource_provider`);
    await q.query('ALTER TABLE party ADD CONSTRAINT ck_party_provider_from CHECK (is_shared_resource_provider = (provider_from IS NOT NULL))');

    await q.query('ALTER TABLE engagement ADD COLUMN provider_end_notified_ssc_on date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE engagement DROP COLUMN provider_end_notified_ssc_on');
    await q.query('ALTER TABLE party DROP CONSTRAINT ck_party_provider_from');
    await q.query('ALTER TABLE party DROP COLUMN provider_from');
    await q.query('ALTER TABLE shared_resource DROP COLUMN available_from');
    await q.query('DROP TABLE party_role_change');
  }
}
