// R-PARTY-1, R-DIST-2: the role history of parties, so that a party engaged with a provider that no longer
// holds a User Role on an issue date is no recipient. Parties projected before this version have no history
// here; they count as the Users their engagements made them (what this service did before) until a role
// change of theirs arrives. Copies already made are kept (R-DIST-2: recipients are fixed at issue).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoleHistory1765700000000 implements MigrationInterface {
  name = 'RoleHistory1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projected_role_change (
        seq bigserial PRIMARY KEY,
        party_id text NOT NULL,
        role text NOT NULL,
        change text NOT NULL CHECK (change IN ('GAINED', 'GIVEN_UP')),
        effective_from date NOT NULL
      )`);
    await q.query('CREATE INDEX projected_role_change_party ON projected_role_change (party_id, seq)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projected_role_change');
  }
}
