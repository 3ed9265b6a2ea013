import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rest of party-registry's register this service needs: shared resources, providers, engagements. */
export class RegisterProjection1764600000000 implements MigrationInterface {
  name = 'RegisterProjection1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Ids of other services are opaque strings in their events: never let a cast refuse one.
    await q.query('ALTER TABLE projected_party ALTER COLUMN id TYPE text');
    await q.query('ALTER TABLE projected_premises ALTER COLUMN party_id TYPE text');
    await q.query(`
      CREATE TABLE projected_shared_resource (
        id text PRIMARY KEY,
        name text NOT NULL,
        scope text NOT NULL,
        provider_party_id text NOT NULL,
        opt_in_as_provider boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE projected_provider_designation (
        party_id text NOT NULL,
        shared_resource_id text NOT NULL,
        PRIMARY KEY (party_id, shared_resource_id)
      )`);
    await q.query(`
      CREATE TABLE projected_engagement (
        id text PRIMARY KEY,
        user_party_id text NOT NULL,
        provider_party_id text NOT NULL,
        shared_resource_id text NOT NULL,
        start_date date NOT NULL,
        end_date date,
        user_notified_ssc_on date,
        provider_notified_ssc_on date
      )`);
    await q.query('CREATE INDEX projected_engagement_user ON projected_engagement (user_party_id)');
    await q.query('CREATE INDEX projected_engagement_provider ON projected_engagement (provider_party_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projected_engagement');
    await q.query('DROP TABLE projected_provider_designation');
    await q.query('DROP TABLE projected_shared_resource');
    await q.query('ALTER TABLE projected_premises ALTER COLUMN party_id TYPE uuid USING party_id::uuid');
    await q.query('ALTER TABLE projected_party ALTER COLUMN id TYPE uuid USING id::uuid');
  }
}
