import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartyProjection1764500000000 implements MigrationInterface {
  name = 'PartyProjection1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projected_party (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        user_roles text[] NOT NULL,
        is_shared_resource_provider boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE projected_premises (
        party_id uuid NOT NULL,
        effective_from date NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (party_id, effective_from)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projected_premises');
    await q.query('DROP TABLE projected_party');
  }
}
