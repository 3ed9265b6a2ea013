// "As known on", whole system through the gateway: a supplier's count is recorded, corrected a week
// later, and both answers are given (the count, the next assessment and the year's load as known then
// and now). A week's passage is simulated: after the first count has reached assessment-scheduling,
// its recorded-at is moved back seven days in both stores (party-registry's row and the projection's
// copy of the event's occurredAt); there is no clock override in the services.
import { randomUUID } from 'node:crypto';
import { requireKafka, waitFor } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type RunningSystem } from './system';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const RECORD = `mutation($id: ID!, $count: Int!, $from: Date!) { recordDomesticPremises(partyId: $id, count: $count, effectiveFrom: $from) { id } }`;
const KNOWN = `query($id: ID!, $k: Date, $year: Int!) {
  party(id: $id) { domesticPremises(asKnownOn: $k) nextAssessment(asKnownOn: $k) { type premisesUsed } }
  assessmentLoad(year: $year, ruleSet: SECMP0044, asKnownOn: $k) { byType { type count } }
}`;
type Known = { party: { domesticPremises: number; nextAssessment: { type: string; premisesUsed: number } }; assessmentLoad: { byType: Array<{ type: string; count: number }> } };

describe('as known on: a count recorded, corrected a week later, both answers through the gateway (R-PREM-1, R-PREM-2, R-IMPACT-1)', () => {
  let system: RunningSystem;
  let admin: string;
  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true }); // assessmentLoad counts every party its services have seen: none of other systems'
    admin = await system.token('SECAS_ADMIN');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers as the platform would have a day before the correction, and as it does now', async () => {
    const today = londonDayOf(new Date());
    const yesterday = londonDayOf(new Date(Date.now() - 86_400_000));
    const year = Number(today.slice(0, 4));
    const ok = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const result = await system.query<T>(admin, query, variables);
      expect(result.errors).toBeUndefined();
      return result.data as T;
    };
    const id = (await ok<{ registerParty: { id: string } }>(REGISTER, { input: { name: `Known Supply ${randomUUID().slice(0, 8)}`, userRoles: ['IMPORT_SUPPLIER'] } })).registerParty.id;
    // A FULL last year puts the supplier in year 2, where its band decides (R-MATRIX-2).
    await system.services['assessment-scheduling']!.dataSource.query(
      `INSERT INTO assessment (id, party_id, type, requirement, calendar_year, determination_date, scheduled_for, scheduled_on, recorded_on, directed_by_ssc, state, charge, relies_on, scheduled_by)
       VALUES ($1, $2, 'FULL', '{"coveredCategories": ["SUPPLIER"]}', $3, make_date($3, 3, 1), make_date($3, 3, 1), make_date($3, 3, 1), make_date($3, 3, 1), false, 'COMPLETED', 0, '[]', 'e2e')`,
      [randomUUID(), id, year - 1],
    );
    await ok(RECORD, { id, count: 240_000, from: `${year - 1}-01-01` });
    // The party holds its role from today, so next year's load (as of 1 January) is the one that counts it.
    const now = (k: string | null) => ok<Known>(KNOWN, { id, k, year: year + 1 });
    await waitFor(async () => ((await now(null)).party.nextAssessment.premisesUsed === 240_000 ? true : undefined), { what: 'the count projected' });
    // A week passes.
    await system.services['party-registry']!.dataSource.query(`UPDATE domestic_premises SET recorded_at = recorded_at - interval '7 days' WHERE party_id = $1`, [id]);
    // assessment-scheduling keeps when it learned each fact of the register: the party and its roles too.
    for (const table of ['projected_premises', 'projected_role_change']) {
      await system.services['assessment-scheduling']!.dataSource.query(`UPDATE ${table} SET recorded_at = recorded_at - interval '7 days' WHERE party_id = $1`, [id]);
    }
    await system.services['assessment-scheduling']!.dataSource.query(`UPDATE projected_party SET recorded_at = recorded_at - interval '7 days' WHERE id = $1`, [id]);
    // The correction: counts are never overwritten, so it is a count effective from a later day (R-PREM-1).
    await ok(RECORD, { id, count: 310_000, from: `${year - 1}-06-01` });
    await waitFor(async () => ((await now(null)).party.nextAssessment.premisesUsed === 310_000 ? true : undefined), { what: 'the correction projected' });

    const before = await now(yesterday);
    const after = await now(today);
    console.log(`as known on ${yesterday}: ${JSON.stringify(before)}\nas known on ${today}: ${JSON.stringify(after)}`);
    expect(before.party).toEqual({ domesticPremises: 240_000, nextAssessment: { type: 'VERIFICATION', premisesUsed: 240_000 } });
    expect(after.party).toEqual({ domesticPremises: 310_000, nextAssessment: { type: 'FULL', premisesUsed: 310_000 } });
    // Next year's load (as of 1 January, both counts effective by then) uses the count known on each day.
    // As known yesterday it holds this party alone: every other party on the shared test broker was
    // registered today. Today's load also holds the parties other specs register meanwhile: it holds
    // this party as FULL (its own answer above is exact).
    expect(before.assessmentLoad.byType).toEqual([{ type: 'FULL', count: 0 }, { type: 'VERIFICATION', count: 1 }, { type: 'SELF', count: 0 }]);
    const count = (load: Known, type: string) => load.assessmentLoad.byType.find((t) => t.type === type)?.count ?? 0;
    expect(count(after, 'FULL')).toBeGreaterThanOrEqual(1);
  });
});
