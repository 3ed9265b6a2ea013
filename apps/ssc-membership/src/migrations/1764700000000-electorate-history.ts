import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-SSC-3, R-PARTY-1, R-SRP-2: the SRP seat's electorate is decided on the election's opening date, so
 * the projection keeps role history and when each designation took effect. Rows projected before
 * this change carry no dates: their roles are recorded as held since 1900-01-01, and their
 * designations (effective_from NULL) as effective on any date, which is what the projection said
 * before. Events that arrive from now on are dated.
 */
export class ElectorateHistory1764700000000 implements MigrationInterface {
  name = 'ElectorateHistory1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projected_party ADD COLUMN registered_on date`);
    await q.query(`ALTER TABLE projected_srp_designation ADD COLUMN effective_from date`);
    await q.query(`
      CREATE TABLE projected_role_change (
        seq bigserial PRIMARY KEY,
        party_id text NOT NULL,
        role text NOT NULL,
        change text NOT NULL CHECK (change IN ('GAINED', 'GIVEN_UP')),
        effective_from date NOT NULL,
        UNIQUE (party_id, role, change, effective_from)
      )`);
    await q.query(`
      INSERT INTO projected_role_change (party_id, role, change, effective_from)
      SELECT p.id, r.role, 'GAINED', DATE '1900-01-01' FROM projected_party p CROSS JOIN LATERAL unnest(p.user_roles) AS r(role)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projected_role_change');
    await q.query('ALTER TABLE projected_srp_designation DROP COLUMN effective_from');
    await q.query('ALTER TABLE projected_party DROP COLUMN registered_on');
  }
}
