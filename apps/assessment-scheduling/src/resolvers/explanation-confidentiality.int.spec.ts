// Contract §2 and R-SET-2, R-PREM-2: under LEGACY a User's explanation counts the other Users of its providers;
// a PARTY_USER reading its own explanation learns how many have no premises count, never who they are.
import { randomUUID } from 'node:crypto';
import type { EventData } from '@sec-assure/events';
import { ADMIN, CIO, SSC, partyUser, startSubgraphHarness, type SubgraphHarness, type TestCaller } from '@sec-assure/testing';
import { assessmentSchedulingService } from '../app';

const NEXT = `query($reps: [_Any!]!, $asOf: Date) { _entities(representations: $reps) { ... on Party {
  nextAssessment(asOf: $asOf) { explanation premisesUsed }
  assessments { id requirement { explanation } }
} } }`;
const ASSESSMENT = `query($id: ID!) { assessment(id: $id) { requirement { explanation } } }`;
const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`;

describe('Contract §2, R-SET-2, R-PREM-2: co-users of a provider named in explanations only to oversight', () => {
  let h: SubgraphHarness;
  const ids: Record<'provider' | 'user' | 'e' | 'f', string> = { provider: '', user: '', e: '', f: '' };

  const register = async (name: string, userRoles: EventData<'PartyRegistered'>['userRoles'], premises: number | null) => {
    const partyId = randomUUID();
    const domesticPremises = premises === null ? null : { count: premises, effectiveFrom: '2015-01-01' };
    await h.publish('PartyRegistered', { partyId, name, userRoles, isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01', domesticPremises });
    return partyId;
  };
  const party = async (caller: TestCaller, partyId: string, asOf: string) => {
    const r = await h.gql<{ _entities: Array<{ nextAssessment: { explanation: string; premisesUsed: number }; assessments: Array<{ id: string; requirement: { explanation: string } }> }> }>(
      caller,
      NEXT,
      { reps: [{ __typename: 'Party', id: partyId }], asOf },
    );
    expect(r.errors).toBeUndefined();
    return r.data!._entities[0]!;
  };

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { today: '2024-06-01' });
    ids.provider = await register('Provider P', [], null);
    ids.user = await register('Counted U', ['GAS_SUPPLIER'], 100_000);
    ids.e = await register('Customer E', ['GAS_SUPPLIER'], null);
    ids.f = await register('Customer F', ['GAS_SUPPLIER'], null);
    const sharedResourceId = randomUUID();
    await h.publish('SharedResourceRegistered', { sharedResourceId, name: 'Hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.provider, optInAsProvider: false, availableFrom: '2015-01-01' });
    for (const userPartyId of [ids.user, ids.e, ids.f]) {
      await h.publish('EngagementStarted', { engagementId: randomUUID(), userPartyId, providerPartyId: ids.provider, sharedResourceId, startDate: '2016-01-01', userNotifiedSscOn: null, providerNotifiedSscOn: null });
    }
    const scheduled = await h.gql<{ scheduleAssessment: { id: string } }>(ADMIN, SCHEDULE, { input: { partyId: ids.user, determinationDate: '2017-05-01', scheduledFor: '2017-05-01' } });
    expect(scheduled.errors).toBeUndefined();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const named = (text: string) => [`Customer E (${ids.e})`, `Customer F (${ids.f})`].filter((label) => text.includes(label));
  const secret = (text: string) => ['Customer E', 'Customer F', ids.e, ids.f].filter((s) => text.includes(s));

  it('R-PREM-2: oversight reads whose counts are missing, in the computed and the stored explanation', async () => {
    for (const caller of [ADMIN, SSC]) {
      const u = await party(caller, ids.user, '2017-05-01');
      expect(named(u.nextAssessment.explanation)).toHaveLength(2);
      expect(u.nextAssessment.explanation).toContain('2 other Users of its providers have no premises count on record (');
      expect(named(u.assessments[0]!.requirement.explanation)).toHaveLength(2);
    }
  });

  it('Contract §2: a PARTY_USER reads how many other Users of its providers lack a count, not who, however it reaches the requirement', async () => {
    const own = partyUser(ids.user);
    const u = await party(own, ids.user, '2017-05-01');
    expect(u.nextAssessment.explanation).toContain('2 other Users of its providers have no premises count on record, so the aggregate is treated as more than 250,000');
    expect(secret(u.nextAssessment.explanation)).toEqual([]);
    // The aggregate itself stays: premisesUsed is the contract's figure.
    expect(u.nextAssessment.premisesUsed).toBe(100_000);
    expect(secret(u.assessments[0]!.requirement.explanation)).toEqual([]);
    const byId = await h.gql<{ assessment: { requirement: { explanation: string } } }>(own, ASSESSMENT, { id: u.assessments[0]!.id });
    expect(byId.errors).toBeUndefined();
    // The stored one is its User Entry FULL (year 1), where the missing counts decided nothing (R-MATRIX-1).
    expect(byId.data!.assessment.requirement.explanation).toContain('2 other Users of its providers have no premises count on record, which a year-1 FULL does not need');
    expect(secret(byId.data!.assessment.requirement.explanation)).toEqual([]);
  });

  it('R-PREM-2: a PARTY_USER still reads that its own count is missing, under its own name', async () => {
    const e = await party(partyUser(ids.e), ids.e, '2017-05-01');
    // Its User Entry (year 1): the counts are reported missing, as deciding nothing (R-MATRIX-1).
    expect(e.nextAssessment.explanation).toContain(`No premises count is on record for Customer E (${ids.e}), which a year-1 FULL does not need`);
    expect(e.nextAssessment.explanation).toContain('1 other User of its providers has no premises count on record, which a year-1 FULL does not need');
    expect(e.nextAssessment.explanation).not.toContain('Customer F');
  });

  it('R-SRP-5, R-PREM-2: a provider reading its own explanation sees which of its own Users lack a count (its engagements are its own)', async () => {
    const p = await party(partyUser(ids.provider), ids.provider, '2020-05-01');
    expect(named(p.nextAssessment.explanation)).toHaveLength(2);
    expect(p.nextAssessment.explanation).toContain('(Users of this provider)');
  });

  it('Contract §2: a USER_CIO, who reads every party\'s assessments but no party\'s engagements, is not told who either', async () => {
    const u = await party(CIO, ids.user, '2017-05-01');
    expect(u.nextAssessment.explanation).toContain('2 other Users of its providers have no premises count on record, so the aggregate');
    expect(secret(u.nextAssessment.explanation)).toEqual([]);
  });
});
