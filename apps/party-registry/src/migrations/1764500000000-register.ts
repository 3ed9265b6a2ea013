import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Register1764500000000 implements MigrationInterface {
  name = 'Register1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE party (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        name_key varchar(200) NOT NULL UNIQUE,
        user_roles text[] NOT NULL,
        is_shared_resource_provider boolean NOT NULL DEFAULT false,
        registered_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE domestic_premises (
        party_id uuid NOT NULL REFERENCES party(id),
        effective_from date NOT NULL,
        count integer NOT NULL CHECK (count >= 0),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (party_id, effective_from)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE domestic_premises');
    await q.query('DROP TABLE party');
  }
}
