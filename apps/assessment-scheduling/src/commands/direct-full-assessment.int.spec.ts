// R-STATUS-2 with R-SRP-2, and R-SCHED-1 asked for a past day, through this service's schema (in process).
import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, type SubgraphHarness as Harness } from '@sec-assure/testing';
import { assessmentSchedulingService } from '../app';

const ADMIN = { roles: ['SECAS_ADMIN' as const] };
const SSC = { roles: ['SSC_MEMBER' as const] };
const CIO = { roles: ['USER_CIO' as const] };

const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type } }`;
const DIRECT = `mutation($partyId: ID!, $reason: String!, $on: Date!) {
  directFullAssessment(partyId: $partyId, reason: $reason, scheduledFor: $on) {
    id type directedBySsc requirement { type category coveredCategories cyclePosition premisesUsed ruleIds explanation }
  }
}`;
const COMPLETE = `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }`;
const SET_STATUS = `mutation($id: ID!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: $on) { id } }`;
const NEXT = `query($reps: [_Any!]!, $asOf: Date) { _entities(representations: $reps) { ... on Party { nextAssessment(asOf: $asOf) { type } } } }`;
const DUE = `query($asOf: Date) { assessmentsDue(withinDays: 0, asOf: $asOf) { party { id } dueBy overdue daysUntilDue lastAssessment { id } scheduled { id } } }`;

describe('R-STATUS-2, R-SRP-2, R-SCHED-1 (in process, real PostgreSQL)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { today: '2025-01-15' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const register = async (name: string, userRoles: Array<'GAS_SUPPLIER'>, premises: number | null) => {
    const partyId = randomUUID();
    await h.publish('PartyRegistered', {
      partyId,
      name,
      userRoles,
      isSharedResourceProvider: false,
      rolesEffectiveFrom: '2015-01-01',
      domesticPremises: premises === null ? null : { count: premises, effectiveFrom: '2015-01-01' },
    });
    return partyId;
  };
  /** One annual assessment: booked on `bookedOn`, status APPROVED on `statusOn`. */
  const assessed = async (partyId: string, bookedOn: string, statusOn: string) => {
    const scheduled = await h.gql<{ scheduleAssessment: { id: string } }>(ADMIN, SCHEDULE, { input: { partyId, determinationDate: bookedOn, scheduledFor: bookedOn, scheduledOn: bookedOn } });
    expect(scheduled.errors).toBeUndefined();
    const id = scheduled.data!.scheduleAssessment.id;
    expect((await h.gql(CIO, COMPLETE, { id, on: bookedOn })).errors).toBeUndefined();
    expect((await h.gql(SSC, SET_STATUS, { id, on: statusOn })).errors).toBeUndefined();
    return id;
  };

  it('R-STATUS-2, R-SRP-2: the SSC may direct a FULL of a provider that serves nobody; scheduling an annual one is still refused', async () => {
    const provider = await register('Idle provider', [], null);
    const user = await register('Former user', ['GAS_SUPPLIER'], 40_000);
    const sharedResourceId = randomUUID();
    await h.publish('SharedResourceRegistered', { sharedResourceId, name: 'Idle hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, optInAsProvider: false, availableFrom: '2020-01-01' });
    const engagementId = randomUUID();
    const engagement = { engagementId, userPartyId: user, providerPartyId: provider, sharedResourceId, startDate: '2020-02-01' };
    await h.publish('EngagementStarted', { ...engagement, userNotifiedSscOn: null, providerNotifiedSscOn: null });
    await h.publish('EngagementEnded', { ...engagement, endDate: '2023-12-31' });
    await assessed(provider, '2021-03-01', '2021-05-01');

    const next = await h.gql<{ _entities: Array<{ nextAssessment: unknown }> }>(ADMIN, NEXT, { reps: [{ __typename: 'Party', id: provider }], asOf: '2025-01-15' });
    expect(next.data!._entities[0]!.nextAssessment).toBeNull();
    const annual = await h.gql(ADMIN, SCHEDULE, { input: { partyId: provider, determinationDate: '2025-01-15', scheduledFor: '2025-03-01' } });
    expect(annual.errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('serves no User') });

    const directed = await h.gql<{ directFullAssessment: { type: string; directedBySsc: boolean; requirement: Record<string, unknown> & { ruleIds: string[]; explanation: string } } }>(
      SSC,
      DIRECT,
      { partyId: provider, reason: 'Concerns raised about the idle hub', on: '2025-03-01' },
    );
    expect(directed.errors).toBeUndefined();
    expect(directed.data!.directFullAssessment).toMatchObject({
      type: 'FULL',
      directedBySsc: true,
      requirement: { type: 'FULL', cyclePosition: 1, category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], premisesUsed: 0 },
    });
    expect(directed.data!.directFullAssessment.requirement.ruleIds).toEqual(expect.arrayContaining(['R-STATUS-2', 'R-SRP-2']));
    expect(directed.data!.directFullAssessment.requirement.explanation).toContain('serves no User');
  });

  it('R-SCHED-1: asked for a past day, a party overdue then is listed, whatever was set or booked later', async () => {
    const a = await register('Late booker', ['GAS_SUPPLIER'], 10_000);
    const first = await assessed(a, '2023-03-01', '2023-05-10');
    const second = await assessed(a, '2024-06-01', '2024-09-01');
    const rowOf = async (asOf: string) => {
      const r = await h.gql<{ assessmentsDue: Array<{ party: { id: string } } & Record<string, unknown>> }>(ADMIN, DUE, { asOf });
      expect(r.errors).toBeUndefined();
      return r.data!.assessmentsDue.find((row) => row.party.id === a) ?? null;
    };
    expect(await rowOf('2024-05-20')).toEqual({ party: { id: a }, dueBy: '2024-05-10', overdue: true, daysUntilDue: -10, lastAssessment: { id: first }, scheduled: null });
    // Booked on 2024-06-01: no longer listed from that day; today the 12 months run from the second status.
    expect(await rowOf('2024-06-01')).toBeNull();
    expect(await rowOf('2025-09-02')).toMatchObject({ dueBy: '2025-09-01', overdue: true, lastAssessment: { id: second } });
  });
});
