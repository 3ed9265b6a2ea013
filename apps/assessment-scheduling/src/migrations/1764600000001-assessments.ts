import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Assessments and what the SSC decides about them: timing overrides and Event of Default recommendations. */
export class Assessments1764600000001 implements MigrationInterface {
  name = 'Assessments1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment (
        id text PRIMARY KEY,
        party_id text NOT NULL,
        type text NOT NULL CHECK (type IN ('FULL', 'VERIFICATION', 'SELF', 'FOLLOW_UP')),
        requirement jsonb NOT NULL,
        calendar_year integer NOT NULL,
        determination_date date NOT NULL,
        scheduled_for date NOT NULL,
        state text NOT NULL CHECK (state IN ('SCHEDULED', 'COMPLETED', 'STATUS_SET')),
        fieldwork_completed_on date,
        assurance_status text CHECK (assurance_status IN ('APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED')),
        assurance_status_set_on date,
        conditions text,
        next_due_by date,
        charge integer NOT NULL CHECK (charge >= 0),
        relies_on jsonb NOT NULL DEFAULT '[]',
        follow_up_reason text,
        follow_up_of text REFERENCES assessment (id),
        scheduled_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        seq bigserial NOT NULL
      )`);
    await q.query('CREATE INDEX assessment_party ON assessment (party_id, scheduled_for)');
    await q.query(`
      CREATE TABLE assessment_timing_override (
        id text PRIMARY KEY,
        party_id text NOT NULL,
        due_by date NOT NULL,
        reason text NOT NULL,
        previous_due_by date,
        last_assessment_id text REFERENCES assessment (id),
        overridden_by text NOT NULL,
        overridden_at timestamptz NOT NULL,
        seq bigserial NOT NULL
      )`);
    await q.query('CREATE INDEX assessment_timing_override_party ON assessment_timing_override (party_id, seq)');
    await q.query(`
      CREATE TABLE event_of_default_recommendation (
        id text PRIMARY KEY,
        provider_party_id text NOT NULL,
        assessment_id text NOT NULL UNIQUE REFERENCES assessment (id),
        status text NOT NULL,
        recommended_on date NOT NULL,
        user_party_ids text[] NOT NULL,
        raised_on date,
        raised_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        seq bigserial NOT NULL
      )`);
    await q.query('CREATE INDEX event_of_default_users ON event_of_default_recommendation USING gin (user_party_ids)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE event_of_default_recommendation');
    await q.query('DROP TABLE assessment_timing_override');
    await q.query('DROP TABLE assessment');
  }
}
