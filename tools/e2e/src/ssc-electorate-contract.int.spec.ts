import { addCalendarMonths } from '@sec-assure/rules';
import { uniqueName } from '@sec-assure/events/testing';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';

// E10 (R-SSC-3, R-PARTY-1) with the contract's inputs only: registerParty has no date for the roles,
// so the parties are registered today, with WHOLE_USER_SYSTEM resources available since 2020, and the
// election opened on 2026-01-05, before they were registered. The roles a party was registered with
// are what the register knows of it before then: C, a GAS_SUPPLIER, does not vote.

const OPEN = 'mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }';
const NOMINATE = 'mutation($input: NominationInput!) { nominate(input: $input) { id } }';
const VOTE = 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }';
const CLOSE = 'mutation($e: ID!) { closeElection(electionId: $e) { state tally { nomination { id } votes } } }';

describe('E10 through the gateway with the contract inputs (R-SSC-3, R-PARTY-1)', () => {
  let system: RunningSystem;
  let admin = '';
  const run = uniqueName('ssc-e10');
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    system = await startSystem();
    admin = await system.token('SECAS_ADMIN');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const refusal = (result: GraphQLResult): { code?: string; message: string } => ({
    code: result.errors?.[0]?.extensions?.code as string | undefined,
    message: result.errors?.[0]?.message ?? '',
  });

  const party = async (name: string, userRoles: string[], availableFrom: string | null): Promise<string> => {
    const registered = await system.query<{ registerParty: { id: string } }>(admin, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
      input: { name: `${name} ${run}`, userRoles },
    });
    expect(registered.errors).toBeUndefined();
    const id = registered.data!.registerParty.id;
    if (availableFrom !== null) {
      const resource = await system.query(admin, 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }', {
        input: { name: `${name} hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id, availableFrom },
      });
      expect(resource.errors).toBeUndefined();
    }
    return id;
  };

  it('R-SSC-3, R-PARTY-1: A (no role) and B (OTHER_USER) vote; C (GAS_SUPPLIER) and D (a provider only after the opening date) are VOTER_NOT_ELIGIBLE', async () => {
    const a = await party('E10 A', [], '2020-01-01');
    const b = await party('E10 B', ['OTHER_USER'], '2020-01-01');
    const c = await party('E10 C', ['GAS_SUPPLIER'], '2020-01-01');
    const d = await party('E10 D', [], today);
    const opened = await system.query<{ openElection: { id: string } }>(admin, OPEN, { o: '2026-01-05', c: addCalendarMonths(today, 1, 'closesOn') });
    expect(opened.errors).toBeUndefined();
    const e = opened.data!.openElection.id;
    // The register reaches ssc-membership through Kafka: nominating works once A is known as a provider.
    const n = await eventually(async () => {
      const r = await system.query<{ nominate: { id: string } }>(await system.token('PARTY_USER', a), NOMINATE, {
        input: {
          electionId: e, nomineeName: 'Ada Example', nominatingPartyId: a, nominatorName: 'Chief Executive',
          nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true,
        },
      });
      return r.data?.nominate.id;
    });
    await eventually(async () => {
      const rows: unknown[] = await system.services['ssc-membership']!.dataSource.query('SELECT 1 FROM projected_srp_designation WHERE party_id = ANY($1)', [[b, c, d]]);
      return rows.length === 3;
    });
    const vote = async (voter: string) => system.query(await system.token('PARTY_USER', voter), VOTE, { e, n, v: voter });

    expect((await vote(a)).errors).toBeUndefined();
    expect((await vote(b)).errors).toBeUndefined();
    expect(refusal(await vote(c))).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE', message: expect.stringMatching(/holds Supplier or Network roles \(GAS_SUPPLIER\) on 2026-01-05/) });
    expect(refusal(await vote(d))).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE', message: expect.stringMatching(/not a Shared Resource Provider on 2026-01-05/) });
    const closed = await system.query<{ closeElection: { tally: Array<{ nomination: { id: string }; votes: number }> } }>(admin, CLOSE, { e });
    expect(closed.data!.closeElection.tally).toEqual([{ nomination: { id: n }, votes: 2 }]);
  });
});
