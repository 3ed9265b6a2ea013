// "As known on": the register keeps when a count was effective and when the platform recorded it, so a
// past day's answer can be given again, corrections recorded since left out. A week's passage is
// simulated by moving the first count's recorded_at back seven days in PostgreSQL.
import { requireKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { ADMIN, startTestRegistry, type TestRegistry } from './testing/registry-harness';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const RECORD = `mutation($id: ID!, $count: Int!, $from: Date!) { recordDomesticPremises(partyId: $id, count: $count, effectiveFrom: $from) { id } }`;
const PREMISES = `query($id: ID!, $known: Date) { party(id: $id) { now: domesticPremises domesticPremises(asKnownOn: $known) } }`;
const day = (offset: number) => londonDayOf(new Date(Date.now() + offset * 86_400_000));

describe('party-registry: domesticPremises(asOf, asKnownOn) (R-PREM-1, R-PREM-2)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    await requireKafka();
    registry = await startTestRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('answers as the platform knew it on a past day: a correction recorded since is left out', async () => {
    const reg = await registry.gql<{ registerParty: { id: string } }>(ADMIN, REGISTER, { input: { name: `As known ${Date.now()}`, userRoles: ['IMPORT_SUPPLIER'] } });
    const id = reg.data!.registerParty.id;
    expect((await registry.gql(ADMIN, RECORD, { id, count: 240_000, from: '2025-01-01' })).errors).toBeUndefined();
    // Recorded a week ago.
    await registry.handle.dataSource.query(`UPDATE domestic_premises SET recorded_at = recorded_at - interval '7 days' WHERE party_id = $1`, [id]);
    // Corrected today: counts are never overwritten, so the correction is a later count (R-PREM-1).
    expect((await registry.gql(ADMIN, RECORD, { id, count: 310_000, from: '2025-06-01' })).errors).toBeUndefined();

    const ask = async (known: string | null) => (await registry.gql<{ party: { now: number; domesticPremises: number } }>(ADMIN, PREMISES, { id, known })).data!.party;
    expect(await ask(day(-7))).toEqual({ now: 310_000, domesticPremises: 240_000 });
    expect(await ask(day(-1))).toEqual({ now: 310_000, domesticPremises: 240_000 });
    expect(await ask(day(0))).toEqual({ now: 310_000, domesticPremises: 310_000 });
    expect(await ask(day(-8))).toEqual({ now: 310_000, domesticPremises: 0 });
    const bad = await registry.gql(ADMIN, PREMISES, { id, known: '2025-02-30' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // What will be known tomorrow is not known yet: refused, not answered as today.
    const tomorrow = await registry.gql(ADMIN, PREMISES, { id, known: day(1) });
    expect(tomorrow.data).toEqual({ party: null });
    expect(tomorrow.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining(`asKnownOn: ${day(1)} is after today`) });
  });
});
