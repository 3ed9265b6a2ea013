import type { GraphQLResult, RunningSystem } from './system';

// The steps of a black-box tester who has ONLY the contract (../shared/contract): registerParty without a day for
// the roles, premisesEffectiveFrom for history, resources with availableFrom, engagements with startDate, and past
// assessments entered with scheduleAssessment / completeFieldwork / setAssuranceStatus. No `eventually`: a client
// reads its writes at once (the gateway has the projections catch up before it reads).

export interface Requirement {
  type: string;
  ruleSet: string;
  category: string;
  coveredCategories: string[];
  cyclePosition: number;
  premisesUsed: number;
  premisesKnown: boolean;
  ruleIds: string[];
  explanation: string;
}

export const REQUIREMENT = 'type ruleSet category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds explanation';

export interface ScheduledAssessment {
  id: string;
  type: string;
  calendarYear: number;
  scheduledFor: string;
  scheduledOn: string;
  state: string;
  requirement: Requirement;
}

export interface ContractTokens {
  admin: string;
  ssc: string;
  cio: string;
}

/**
 * The tester's steps against the system, each name suffixed with `run` (specs share the topics). The system and the
 * tokens are read when a step runs, so that a spec can make its client before beforeAll has started the system.
 */
export function contractClient(system: () => RunningSystem, run: string, tokens: () => ContractTokens) {
  // Responses are checked field by field; their shape is the contract's, not typed here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function gql<T = Record<string, any>>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
    const response = await fetch(system().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function ok<T = Record<string, any>>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await gql<T>(token, query, variables);
    if (result.errors) throw new Error(`${result.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return result.data as T;
  }
  /** registerParty with the contract's fields only: no day for the roles. */
  async function party(name: string, userRoles: string[], domesticPremises?: number, premisesEffectiveFrom?: string): Promise<string> {
    const input: Record<string, unknown> = { name: `${name} ${run}`, userRoles };
    if (domesticPremises !== undefined) input.domesticPremises = domesticPremises;
    if (premisesEffectiveFrom !== undefined) input.premisesEffectiveFrom = premisesEffectiveFrom;
    return (await ok(tokens().admin, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, { input })).registerParty.id;
  }
  async function resource(provider: string, name: string, availableFrom?: string, scope = 'WHOLE_USER_SYSTEM', optInAsProvider?: boolean): Promise<string> {
    const input: Record<string, unknown> = { name: `${name} ${run}`, scope, providerPartyId: provider };
    if (availableFrom !== undefined) input.availableFrom = availableFrom;
    if (optInAsProvider !== undefined) input.optInAsProvider = optInAsProvider;
    return (await ok(tokens().admin, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, { input })).registerSharedResource.id;
  }
  async function engage(user: string, sharedResourceId: string, startDate: string): Promise<string> {
    return (await ok(tokens().admin, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, { input: { userPartyId: user, sharedResourceId, startDate } }))
      .engageSharedResource.id;
  }
  const scheduleRaw = (partyId: string, determinationDate: string, scheduledFor: string) =>
    gql(tokens().admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type calendarYear scheduledFor scheduledOn state directedBySsc requirement { ${REQUIREMENT} } } }`, {
      input: { partyId, determinationDate, scheduledFor },
    });
  async function schedule(partyId: string, determinationDate: string, scheduledFor = determinationDate): Promise<ScheduledAssessment> {
    const result = await scheduleRaw(partyId, determinationDate, scheduledFor);
    if (result.errors) throw new Error(`scheduleAssessment ${determinationDate}: ${result.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return result.data!.scheduleAssessment as ScheduledAssessment;
  }
  const complete = (id: string, on: string) => ok(tokens().cio, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id state } }`, { id, on });
  const status = async (id: string, s: string, on: string) =>
    (
      await ok(tokens().ssc, `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on) { id state assuranceStatus assuranceStatusSetOn nextDueBy } }`, {
        id,
        s,
        on,
      })
    ).setAssuranceStatus;
  /** An annual assessment of the past: scheduled (determined on `date`), fieldwork a month on, status two months on. */
  async function assessed(partyId: string, date: string, outcome = 'APPROVED'): Promise<ScheduledAssessment> {
    const a = await schedule(partyId, date, date);
    const month = (n: number) => `${date.slice(0, 5)}${String(Number(date.slice(5, 7)) + n).padStart(2, '0')}${date.slice(7)}`;
    await complete(a.id, month(1));
    await status(a.id, outcome, month(2));
    return a;
  }
  async function next(partyId: string, asOf?: string): Promise<Requirement | null> {
    const data = await ok(tokens().admin, `query($id: ID!, $asOf: Date) { party(id: $id) { nextAssessment(asOf: $asOf) { ${REQUIREMENT} } } }`, { id: partyId, ...(asOf ? { asOf } : {}) });
    return data.party.nextAssessment;
  }
  return { gql, ok, party, resource, engage, scheduleRaw, schedule, complete, status, assessed, next };
}

/** The first error's extensions.code, as a tester reads a refusal. */
export const codeOf = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;
/** The calendar day before / after an ISO day. */
export const dayBefore = (day: string): string => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
export const dayAfter = (day: string): string => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
