import { TOPICS } from '@sec-assure/events';
import { uniqueName } from '@sec-assure/events/testing';
import { startSystem, type RunningSystem } from './system';
import { codeOf as code } from './contract-client';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';

// E10 and R-SSC-1..4 as an outside tester with only the contract meets them: operations/ssc.graphql,
// contract inputs only (no approveNomination, no tally, no waiting on a service's database), and the
// events of sec.ssc-membership.v1 (contract README §3). Steps follow one another as a client makes them.

const OPEN = `mutation OpenElection($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) {
  openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { id seatKind state opensOn closesOn }
}`;
const NOMINATE = `mutation Nominate($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`;
const VOTE = `mutation CastVote($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id state } }`;
const CLOSE = `mutation CloseElection($electionId: ID!, $castingVoteNominationId: ID) {
  closeElection(electionId: $electionId, castingVoteNominationId: $castingVoteNominationId) { id state winner { id nomineeName } }
}`;
const APPOINT = `mutation AppointMember($electionId: ID!, $impartialityDeclared: Boolean!) {
  appointMember(electionId: $electionId, impartialityDeclared: $impartialityDeclared) { id name seatKind partyId impartialityDeclared termEndsOn }
}`;
const ELECTION = `query Election($id: ID!) { election(id: $id) { id seatKind state opensOn closesOn candidates { id nomineeName nominatingPartyId approvedBySsc } winner { id nomineeName approvedBySsc } } }`;
const SEATS = `query SscSeats { sscSeats { kind count members { id name seatKind partyId impartialityDeclared termEndsOn } } }`;

const OPENS = '2026-01-05';
const CLOSES = '2027-03-31';

describe('contract only: E10 and R-SSC-1..4 through the gateway and sec.ssc-membership.v1', () => {
  let system: RunningSystem;
  let topic: TopicRecording;
  const run = uniqueName('cossc');
  const t: Record<string, string> = {};
  const p = { a: '', b: '', c: '', d: '', e: '' };

  const ok = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const r = await system.query<T>(token, query, variables);
    if (r.errors) throw new Error(`${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data as T;
  };
  const nomination = (electionId: string, party: string, nomineeName: string, over: Record<string, unknown> = {}) => ({
    input: {
      electionId, nomineeName, nominatingPartyId: party, nominatorName: 'Chief Executive',
      nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true, ...over,
    },
  });
  const nominate = async (electionId: string, party: string, nomineeName: string) =>
    (await ok<{ nominate: { id: string; approvedBySsc: boolean; nominatingPartyId: string } }>(t[party]!, NOMINATE, nomination(electionId, p[party as keyof typeof p], nomineeName))).nominate;
  const vote = (electionId: string, nominationId: string, voter: keyof typeof p, token = t[voter]!) =>
    system.query(token, VOTE, { electionId, nominationId, voterPartyId: p[voter] });
  const ofElection = (electionId: string, type?: string): RecordedMessage[] => topic.about(electionId, type);
  const envelopeOk = (m: RecordedMessage, type: string, subject: string): void => {
    expect(m.key).toBe(subject);
    expect(m.event).toMatchObject({ type, version: 1, source: 'ssc-membership', subject, id: expect.stringMatching(/^[0-9a-f-]{36}$/), data: expect.any(Object) });
    expect(Number.isNaN(Date.parse(m.event.occurredAt))).toBe(false);
  };
  /** Every event about the election up to and including one of `type` (published in order per key). */
  const until = (electionId: string, type: string, count = 1) =>
    topic.waitFor(() => (ofElection(electionId, type).length >= count ? ofElection(electionId) : undefined));

  beforeAll(async () => {
    system = await startSystem();
    topic = await recordTopic(TOPICS.sscMembership, `${run}-ssc`);
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
    const party = async (name: string, userRoles: string[], availableFrom: string | null) => {
      const id = (await ok<{ registerParty: { id: string } }>(t.admin, `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
        input: { name: `${name} ${run}`, userRoles },
      })).registerParty.id;
      if (availableFrom) {
        await ok(t.admin, `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
          input: { name: `${name} hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id, availableFrom },
        });
      }
      return id;
    };
    p.a = await party('E10 A', [], '2020-01-01');
    p.b = await party('E10 B', ['OTHER_USER'], '2020-01-01');
    p.c = await party('E10 C', ['GAS_SUPPLIER'], '2020-01-01');
    p.d = await party('E10 D', [], '2026-02-01');
    p.e = await party('E10 E no provider', ['OTHER_USER'], null);
    for (const k of Object.keys(p) as Array<keyof typeof p>) t[k] = await system.token('PARTY_USER', p[k]);
  });

  afterAll(async () => {
    await topic?.stop();
    await system?.stop();
  });

  it('§2: openElection is SECAS only (FORBIDDEN for SSC, CIO, a party user; UNAUTHENTICATED without a token)', async () => {
    for (const token of [t.ssc, t.cio, t.a]) expect(code(await system.query(token!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: OPENS, closesOn: CLOSES }))).toBe('FORBIDDEN');
    expect(code(await system.query(null, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: OPENS, closesOn: CLOSES }))).toBe('UNAUTHENTICATED');
    expect(code(await system.query(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: OPENS, closesOn: OPENS }))).toBe('BAD_USER_INPUT');
  });

  describe('E10: the SRP seat electorate (R-SSC-3, R-PARTY-1)', () => {
    let election = '';
    let nomA = '';

    it('SECAS opens the election on 2026-01-05; ElectionOpened keyed by the election id', async () => {
      const opened = await ok<{ openElection: { id: string; state: string; seatKind: string } }>(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: OPENS, closesOn: CLOSES });
      election = opened.openElection.id;
      expect(opened.openElection).toMatchObject({ seatKind: 'SHARED_RESOURCE_PROVIDER', state: 'OPEN' });
      const events = await until(election, 'ElectionOpened');
      envelopeOk(events[0]!, 'ElectionOpened', election);
      // R-SSC-3 and one OPEN election per seat: a second one is refused and publishes nothing.
      expect(code(await system.query(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: OPENS, closesOn: CLOSES }))).toBe('CONFLICT');
    });

    it('R-SSC-2: a nomination missing a requirement is NOMINATION_INELIGIBLE naming it; another party\'s nomination is FORBIDDEN; nothing published', async () => {
      const cases: Array<[string, RegExp]> = [
        ['nominatorHoldsSeniorPosition', /senior/i],
        ['securityExpertiseConfirmed', /expertise/i],
        ['bs7858ScreeningCompleted', /BS7858|BS 7858/i],
      ];
      for (const [field, named] of cases) {
        const r = await system.query(t.a!, NOMINATE, nomination(election, p.a, `Refused ${field}`, { [field]: false }));
        expect(code(r)).toBe('NOMINATION_INELIGIBLE');
        expect(r.errors![0]!.message).toMatch(named);
      }
      expect(code(await system.query(t.b!, NOMINATE, nomination(election, p.a, 'Someone else\'s')))).toBe('FORBIDDEN');
      expect(code(await system.query(t.admin!, NOMINATE, nomination(election, p.a, 'By SECAS')))).toBe('FORBIDDEN');
      expect(code(await system.query(t.a!, NOMINATE, nomination(election, p.a, '', {})))).toBe('BAD_USER_INPUT');
      expect(code(await system.query(t.a!, NOMINATE, nomination('00000000-0000-4000-8000-000000000000', p.a, 'Nowhere')))).toBe('NOT_FOUND');
    });

    it('R-SSC-2: A nominates a valid nominee (straight after registering); NominationAccepted keyed by the election', async () => {
      const n = await nominate(election, 'a', 'Ada Example');
      nomA = n.id;
      expect(n).toMatchObject({ nominatingPartyId: p.a, approvedBySsc: false });
      const events = await until(election, 'NominationAccepted');
      const accepted = events.filter((m) => m.event.type === 'NominationAccepted');
      expect(accepted).toHaveLength(1);
      envelopeOk(accepted[0]!, 'NominationAccepted', election);
      expect(JSON.stringify(accepted[0]!.event.data)).toContain(nomA);
    });

    it('E10: A (no role) and B (OTHER_USER) vote; C (GAS_SUPPLIER), D (provider only after the opening date) and E (no provider) are VOTER_NOT_ELIGIBLE', async () => {
      expect((await vote(election, nomA, 'a')).errors).toBeUndefined();
      expect((await vote(election, nomA, 'b')).errors).toBeUndefined();
      for (const voter of ['c', 'd', 'e'] as const) {
        const r = await vote(election, nomA, voter);
        expect(code(r)).toBe('VOTER_NOT_ELIGIBLE');
        expect(r.errors![0]!.message.length).toBeGreaterThan(20);
      }
    });

    it('R-SSC-3: a second vote is ALREADY_VOTED; voting for another party is FORBIDDEN; SECAS and SSC cannot vote', async () => {
      expect(code(await vote(election, nomA, 'a'))).toBe('ALREADY_VOTED');
      expect(code(await vote(election, nomA, 'b', t.a))).toBe('FORBIDDEN');
      expect(code(await vote(election, nomA, 'a', t.admin))).toBe('FORBIDDEN');
      expect(code(await vote(election, nomA, 'a', t.ssc))).toBe('FORBIDDEN');
    });

    it('§3: exactly the two accepted votes were published as VoteCast keyed by the election (none for a refusal)', async () => {
      // Close (below) publishes after the votes; wait for it, then count.
      const closed = await ok<{ closeElection: { state: string; winner: { id: string } | null } }>(t.admin!, CLOSE, { electionId: election });
      expect(closed.closeElection).toMatchObject({ state: 'CLOSED', winner: { id: nomA } });
      const events = await until(election, 'ElectionClosed');
      const votes = events.filter((m) => m.event.type === 'VoteCast');
      expect(votes).toHaveLength(2);
      for (const m of votes) envelopeOk(m, 'VoteCast', election);
      envelopeOk(events.find((m) => m.event.type === 'ElectionClosed')!, 'ElectionClosed', election);
      // Voting after the close is refused.
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(code(await vote(election, nomA, 'b')));
    });

    it('R-SSC-4: appointMember without impartiality is IMPARTIALITY_NOT_DECLARED (no MemberAppointed); with it the member holds the SRP seat; SECAS may not appoint', async () => {
      const refused = await system.query(t.ssc!, APPOINT, { electionId: election, impartialityDeclared: false });
      expect(code(refused)).toBe('IMPARTIALITY_NOT_DECLARED');
      expect(code(await system.query(t.admin!, APPOINT, { electionId: election, impartialityDeclared: true }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.a!, APPOINT, { electionId: election, impartialityDeclared: true }))).toBe('FORBIDDEN');
      const member = (await ok<{ appointMember: { id: string; name: string; seatKind: string; partyId: string; impartialityDeclared: boolean; termEndsOn: string } }>(t.ssc!, APPOINT, { electionId: election, impartialityDeclared: true })).appointMember;
      expect(member).toMatchObject({ name: 'Ada Example', seatKind: 'SHARED_RESOURCE_PROVIDER', partyId: p.a, impartialityDeclared: true });
      // R-SSC-1: 24 months from the close: SECAS closed it today, before its scheduled closesOn, so from today.
      const closedToday = new Date().toISOString().slice(0, 10);
      const [y, m, d] = closedToday.split('-').map(Number) as [number, number, number];
      const last = new Date(Date.UTC(y + 2, m, 0)).getUTCDate();
      expect(member.termEndsOn).toBe(`${y + 2}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`);
      // MemberAppointed is about the member (its aggregate): key = subject = member id; one for this election.
      const appointed = await topic.waitFor(() => topic.about(member.id, 'MemberAppointed')[0]);
      envelopeOk(appointed, 'MemberAppointed', member.id);
      expect(JSON.stringify(appointed.event.data)).toContain(election);
      expect(topic.messages.filter((m) => m.event.type === 'MemberAppointed' && JSON.stringify(m.event.data).includes(election))).toHaveLength(1);
      expect(code(await system.query(t.ssc!, APPOINT, { electionId: election, impartialityDeclared: true }))).toBe('CONFLICT');
      // R-SSC-2: the SSC approved the nominee at the latest on appointment.
      const read = await ok<{ election: { winner: { id: string; approvedBySsc: boolean } } }>(t.ssc!, ELECTION, { id: election });
      expect(read.election.winner).toEqual({ id: nomA, nomineeName: 'Ada Example', approvedBySsc: true });
    });

    it('R-SSC-1: sscSeats (any authenticated caller) shows the practice seats and the SRP member', async () => {
      for (const token of [t.e, t.cio]) {
        const seats = (await ok<{ sscSeats: Array<{ kind: string; count: number; members: Array<{ name: string; partyId: string | null }> }> }>(token!, SEATS)).sscSeats;
        const count = Object.fromEntries(seats.map((s) => [s.kind, s.count]));
        expect(count).toEqual({ CHAIR: 1, LARGE_SUPPLIER: 6, SMALL_SUPPLIER: 2, ELECTRICITY_NETWORK: 1, GAS_NETWORK: 1, OTHER_USER: 1, SHARED_RESOURCE_PROVIDER: 1, TABASC: 1 });
        expect(seats.find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!.members.map((m) => m.name)).toEqual(['Ada Example']);
      }
      expect(code(await system.query(null, SEATS))).toBe('UNAUTHENTICATED');
    });
  });

  describe('R-SSC-3: one candidate, and ties', () => {
    it('one valid candidate with no votes is elected unopposed', async () => {
      const election = (await ok<{ openElection: { id: string } }>(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: CLOSES })).openElection.id;
      const only = await nominate(election, 'b', 'Bea Only');
      const closed = await ok<{ closeElection: { state: string; winner: { id: string; nomineeName: string } | null } }>(t.admin!, CLOSE, { electionId: election });
      expect(closed.closeElection).toEqual({ id: election, state: 'CLOSED', winner: { id: only.id, nomineeName: 'Bea Only' } });
    });

    it('a tie without castingVoteNominationId is refused (nothing closed or published); with it the Chair\'s choice wins; SSC/party may not close', async () => {
      const election = (await ok<{ openElection: { id: string } }>(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: CLOSES })).openElection.id;
      const x = await nominate(election, 'a', 'Xavier Tie');
      const y = await nominate(election, 'b', 'Yolanda Tie');
      expect((await vote(election, x.id, 'a')).errors).toBeUndefined();
      expect((await vote(election, y.id, 'b')).errors).toBeUndefined();
      expect(code(await system.query(t.ssc!, CLOSE, { electionId: election, castingVoteNominationId: y.id }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.a!, CLOSE, { electionId: election }))).toBe('FORBIDDEN');
      const refused = await system.query(t.admin!, CLOSE, { electionId: election });
      expect(code(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0]!.message).toMatch(/casting/i);
      expect(refused.errors![0]!.message).toContain('Xavier Tie');
      expect((await ok<{ election: { state: string; winner: unknown } }>(t.ssc!, ELECTION, { id: election })).election).toMatchObject({ state: 'OPEN', winner: null });
      expect(code(await system.query(t.admin!, CLOSE, { electionId: election, castingVoteNominationId: '00000000-0000-4000-8000-000000000000' }))).toBe('BAD_USER_INPUT');
      const closed = await ok<{ closeElection: { state: string; winner: { id: string } } }>(t.admin!, CLOSE, { electionId: election, castingVoteNominationId: y.id });
      expect(closed.closeElection).toMatchObject({ state: 'CLOSED', winner: { id: y.id, nomineeName: 'Yolanda Tie' } });
      const events = await until(election, 'ElectionClosed');
      expect(events.filter((m) => m.event.type === 'ElectionClosed')).toHaveLength(1);
      expect(events.filter((m) => m.event.type === 'VoteCast')).toHaveLength(2);
    });

    it('a casting vote given without a tie does not change the winner', async () => {
      const election = (await ok<{ openElection: { id: string } }>(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: CLOSES })).openElection.id;
      const x = await nominate(election, 'a', 'Xena Most');
      const y = await nominate(election, 'b', 'Yuri Fewer');
      expect((await vote(election, x.id, 'a')).errors).toBeUndefined();
      expect((await vote(election, x.id, 'b')).errors).toBeUndefined();
      const closed = await system.query<{ closeElection: { winner: { id: string } | null } }>(t.admin!, CLOSE, { electionId: election, castingVoteNominationId: y.id });
      // Either ignored (winner by most votes) or refused: never Yuri.
      if (!closed.errors) expect(closed.data!.closeElection.winner?.id).toBe(x.id);
      else expect(code(closed)).toBe('BAD_USER_INPUT');
    });

    it('an election with no candidate closes with no winner; appointMember before the close or without a winner is CONFLICT', async () => {
      const election = (await ok<{ openElection: { id: string } }>(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: CLOSES })).openElection.id;
      expect(code(await system.query(t.ssc!, APPOINT, { electionId: election, impartialityDeclared: true }))).toBe('CONFLICT');
      const closed = await ok<{ closeElection: { state: string; winner: unknown } }>(t.admin!, CLOSE, { electionId: election });
      expect(closed.closeElection).toEqual({ id: election, state: 'CLOSED', winner: null });
      expect(code(await system.query(t.ssc!, APPOINT, { electionId: election, impartialityDeclared: true }))).toBe('CONFLICT');
      expect(code(await system.query(t.admin!, CLOSE, { electionId: election }))).toBe('CONFLICT');
    });
  });
});
