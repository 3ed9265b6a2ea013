import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Elections1764600000000 implements MigrationInterface {
  name = 'Elections1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projected_party (
        id text PRIMARY KEY,
        name text NOT NULL,
        user_roles text[] NOT NULL,
        registered_as_srp boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE projected_srp_designation (
        party_id text NOT NULL,
        shared_resource_id text NOT NULL,
        PRIMARY KEY (party_id, shared_resource_id)
      )`);
    await q.query(`
      CREATE TABLE election (
        id uuid PRIMARY KEY,
        seat_kind text NOT NULL,
        state text NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
        opens_on date NOT NULL,
        closes_on date NOT NULL CHECK (closes_on > opens_on),
        opened_at timestamptz NOT NULL,
        opened_by text NOT NULL,
        closed_on date,
        closed_by text,
        winner_nomination_id uuid,
        outcome text,
        tally jsonb
      )`);
    // One OPEN election per seat kind, even under concurrent openElection calls.
    await q.query(`CREATE UNIQUE INDEX election_one_open_per_seat ON election (seat_kind) WHERE state = 'OPEN'`);
    await q.query(`
      CREATE TABLE nomination (
        id uuid PRIMARY KEY,
        election_id uuid NOT NULL REFERENCES election(id),
        nominee_name text NOT NULL,
        nominee_key text NOT NULL,
        nominating_party_id text NOT NULL,
        nominator_name text NOT NULL,
        nominator_holds_senior_position boolean NOT NULL,
        security_expertise_confirmed boolean NOT NULL,
        bs7858_screening_completed boolean NOT NULL,
        nominated_at timestamptz NOT NULL,
        nominated_by text NOT NULL,
        approved_by_ssc boolean NOT NULL DEFAULT false,
        approved_at timestamptz,
        approved_by text,
        UNIQUE (election_id, nominee_key)
      )`);
    await q.query(`
      CREATE TABLE vote (
        election_id uuid NOT NULL REFERENCES election(id),
        voter_party_id text NOT NULL,
        nomination_id uuid NOT NULL REFERENCES nomination(id),
        cast_at timestamptz NOT NULL,
        cast_by text NOT NULL,
        PRIMARY KEY (election_id, voter_party_id)
      )`);
    await q.query(`
      CREATE TABLE ssc_member (
        id uuid PRIMARY KEY,
        election_id uuid NOT NULL UNIQUE REFERENCES election(id),
        name text NOT NULL,
        seat_kind text NOT NULL,
        party_id text,
        impartiality_declared boolean NOT NULL CHECK (impartiality_declared),
        term_ends_on date NOT NULL,
        appointed_at timestamptz NOT NULL,
        appointed_by text NOT NULL,
        superseded_by uuid REFERENCES ssc_member(id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ssc_member');
    await q.query('DROP TABLE vote');
    await q.query('DROP TABLE nomination');
    await q.query('DROP TABLE election');
    await q.query('DROP TABLE projected_srp_designation');
    await q.query('DROP TABLE projected_party');
  }
}
