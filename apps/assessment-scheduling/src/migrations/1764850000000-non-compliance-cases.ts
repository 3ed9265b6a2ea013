import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-DEF-1 (revised 2026-12-02): non-compliance cases, decided by the SSC. Before this change a
 * DEFERRED or REJECTED provider got an Event of Default recommendation at once. Each such
 * recommendation becomes a case: one the SSC already raised to the Panel is DECIDED with a
 * recommendation (it acted on it), flagging the users it named; one never raised is UNDER
 * INVESTIGATION, since nobody decided it. The recommendation rows stay as recorded (history).
 */
export class NonComplianceCases1764850000000 implements MigrationInterface {
  name = 'NonComplianceCases1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE non_compliance_case (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        provider_party_id text NOT NULL,
        assessment_id text NOT NULL UNIQUE,
        assessment_status text NOT NULL,
        opened_on date NOT NULL,
        state text NOT NULL CHECK (state IN ('UNDER_INVESTIGATION', 'DECIDED')),
        decision text CHECK (decision IN ('RECOMMEND_EVENT_OF_DEFAULT', 'NO_RECOMMENDATION')),
        reasons text,
        decided_on date,
        decided_by text,
        decided_at timestamptz,
        recommendation_id text,
        flagged_user_party_ids text[] NOT NULL DEFAULT '{}',
        CHECK ((state = 'DECIDED') = (decision IS NOT NULL AND reasons IS NOT NULL AND decided_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX non_compliance_case_provider ON non_compliance_case (provider_party_id)`);
    await q.query(`CREATE INDEX non_compliance_case_flagged ON non_compliance_case USING gin (flagged_user_party_ids)`);
    await q.query(`
      INSERT INTO non_compliance_case (id, provider_party_id, assessment_id, assessment_status, opened_on, state, decision, reasons,
                                       decided_on, decided_by, recommendation_id, flagged_user_party_ids)
      SELECT gen_random_uuid(), r.provider_party_id, r.assessment_id, r.status, r.recommended_on,
             CASE WHEN r.raised_on IS NULL THEN 'UNDER_INVESTIGATION' ELSE 'DECIDED' END,
             CASE WHEN r.raised_on IS NULL THEN NULL ELSE 'RECOMMEND_EVENT_OF_DEFAULT' END,
             CASE WHEN r.raised_on IS NULL THEN NULL ELSE 'Recorded before non-compliance cases existed: the SSC raised the recommendation to the Panel.' END,
             r.raised_on, r.raised_by, CASE WHEN r.raised_on IS NULL THEN NULL ELSE r.id END,
             CASE WHEN r.raised_on IS NULL THEN '{}'::text[] ELSE r.user_party_ids END
        FROM event_of_default_recommendation r
       ORDER BY r.seq
      ON CONFLICT (assessment_id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE non_compliance_case');
  }
}
