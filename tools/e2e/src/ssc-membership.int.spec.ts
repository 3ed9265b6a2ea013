import { addCalendarMonths, electionClosedOn, termEndsOn } from '@sec-assure/rules';
import { definitionOf, TOPICS } from '@sec-assure/events';
import { uniqueName } from '@sec-assure/events/testing';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type RecordedEvent, type TopicRecording } from './topic-recorder';

// The SRP seat of the SSC end to end (R-SSC-1..4): parties registered and made providers in
// party-registry reach ssc-membership through Kafka; the election runs through the gateway; its
// events appear on sec.ssc-membership.v1 in the contract envelope.

const ELECTION = 'id seatKind state opensOn closesOn candidates { id nomineeName nominatingPartyId approvedBySsc } winner { id nomineeName } outcome closedOn tally { nomination { id } votes }';
const OPEN = `mutation($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { ${ELECTION} } }`;
const NOMINATE = 'mutation($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }';
const APPROVE = 'mutation($id: ID!) { approveNomination(nominationId: $id) { id approvedBySsc } }';
const VOTE = `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { ${ELECTION} } }`;
const CLOSE = `mutation($e: ID!, $c: ID) { closeElection(electionId: $e, castingVoteNominationId: $c) { ${ELECTION} } }`;
const APPOINT = 'mutation($e: ID!, $i: Boolean!) { appointMember(electionId: $e, impartialityDeclared: $i) { id name seatKind partyId impartialityDeclared termEndsOn } }';
const READ = `query($id: ID!) { election(id: $id) { ${ELECTION} } }`;
const SEATS = '{ sscSeats { kind count members { id name seatKind partyId impartialityDeclared termEndsOn } } }';

interface ElectionView {
  id: string;
  state: string;
  candidates: Array<{ id: string; nomineeName: string; approvedBySsc: boolean }>;
  winner: { id: string; nomineeName: string } | null;
  outcome: string | null;
  tally: Array<{ nomination: { id: string }; votes: number }> | null;
}

const refusal = (result: GraphQLResult): { code?: string; message: string } => {
  expect(result.data ?? null).toBeNull();
  const error = result.errors?.[0];
  return { code: error?.extensions?.code, message: error?.message ?? '' };
};

describe('ssc-membership through the gateway (R-SSC-1..4)', () => {
  let system: RunningSystem;
  let published: TopicRecording;
  const today = new Date().toISOString().slice(0, 10);
  const closesOn = addCalendarMonths(today, 1, 'closesOn');
  // R-SSC-1: SECAS closes these elections today, before their scheduled close: the terms run from today.
  const termEnd = termEndsOn(electionClosedOn(closesOn, today));
  const run = uniqueName('ssc');
  const tokens: Record<string, string> = {};
  const parties: Record<'srpA' | 'srpB' | 'srpC' | 'supplierSrp' | 'plain', string> = { srpA: '', srpB: '', srpC: '', supplierSrp: '', plain: '' };
  let electionId = '';
  const nominations: Record<string, string> = {};

  const as = <T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>) => system.query<T>(token, query, variables);
  const nominationInput = (partyId: string, nomineeName: string, over: Record<string, unknown> = {}) => ({
    input: {
      electionId,
      nomineeName,
      nominatingPartyId: partyId,
      nominatorName: 'Chief Executive',
      nominatorHoldsSeniorPosition: true,
      securityExpertiseConfirmed: true,
      bs7858ScreeningCompleted: true,
      ...over,
    },
  });

  beforeAll(async () => {
    system = await startSystem();
    published = await recordTopic(TOPICS.sscMembership, 'ssc-e2e');
    tokens.admin = await system.token('SECAS_ADMIN');
    tokens.ssc = await system.token('SSC_MEMBER');
    tokens.cio = await system.token('USER_CIO');

    // Parties registered in party-registry; providers made so by registering a whole-User-System resource.
    const register = async (name: string, userRoles: string[], provider: boolean): Promise<string> => {
      const registered = await as<{ registerParty: { id: string } }>(tokens.admin!, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
        input: { name: `${name} ${run}`, userRoles },
      });
      expect(registered.errors).toBeUndefined();
      const id = registered.data!.registerParty.id;
      if (provider) {
        const resource = await as(tokens.admin!, 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }', {
          input: { name: `${name} hub`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id },
        });
        expect(resource.errors).toBeUndefined();
      }
      return id;
    };
    parties.srpA = await register('Provider A', [], true);
    parties.srpB = await register('Provider B', [], true);
    parties.srpC = await register('Provider C', [], true);
    parties.supplierSrp = await register('Supplier and provider', ['IMPORT_SUPPLIER'], true);
    parties.plain = await register('Other party', [], false);
    for (const [name, id] of Object.entries(parties)) tokens[name] = await system.token('PARTY_USER', id);

    // The register reaches ssc-membership through Kafka: wait for its projection of every party.
    const projection = system.services['ssc-membership']!.dataSource;
    await eventually(async () => {
      const rows: Array<{ id: string; srp: boolean }> = await projection.query(
        `SELECT p.id, EXISTS (SELECT 1 FROM projected_srp_designation d WHERE d.party_id = p.id) OR p.registered_as_srp AS srp
           FROM projected_party p WHERE p.id = ANY($1)`,
        [Object.values(parties)],
      );
      const srp = new Map(rows.map((r) => [r.id, r.srp]));
      return srp.size === 5 && srp.get(parties.srpC) && srp.get(parties.supplierSrp) && srp.get(parties.plain) === false;
    });
  });

  afterAll(async () => {
    await published?.stop();
    await system?.stop();
  });

  it('R-SSC-3: opening is for SECAS_ADMIN, for the SRP seat, with closesOn after opensOn, one at a time', async () => {
    for (const token of [tokens.ssc!, tokens.srpA!, tokens.cio!]) {
      expect(refusal(await as(token, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: today, closesOn })).code).toBe('FORBIDDEN');
    }
    const backwards = refusal(await as(tokens.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: closesOn, closesOn: today }));
    expect(backwards.code).toBe('BAD_USER_INPUT');
    expect(backwards.message).toMatch(/closesOn/);
    const unrealResult = await as(tokens.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-02-30', closesOn });
    const unreal = refusal(unrealResult);
    expect(unreal.code).toBe('BAD_USER_INPUT');
    expect(unreal.message).toMatch(/opensOn/);
    expect(refusal(await system.query(null, SEATS)).code).toBe('UNAUTHENTICATED');
    const otherSeat = refusal(await as(tokens.admin!, OPEN, { seatKind: 'LARGE_SUPPLIER', opensOn: today, closesOn }));
    expect(otherSeat.code).toBe('BAD_USER_INPUT');
    expect(otherSeat.message).toMatch(/only the SHARED_RESOURCE_PROVIDER seat is elected here/);

    const opened = await as<{ openElection: ElectionView }>(tokens.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: today, closesOn });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openElection).toMatchObject({ seatKind: 'SHARED_RESOURCE_PROVIDER', state: 'OPEN', opensOn: today, closesOn, candidates: [], winner: null, tally: null });
    electionId = opened.data!.openElection.id;
    expect(refusal(await as(tokens.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: today, closesOn })).code).toBe('CONFLICT');
  });

  it('R-SSC-2: providers nominate for their own party only; a failed requirement is NOMINATION_INELIGIBLE naming it', async () => {
    const ann = await as<{ nominate: { id: string; approvedBySsc: boolean } }>(tokens.srpA!, NOMINATE, nominationInput(parties.srpA, 'Ann Example'));
    expect(ann.errors).toBeUndefined();
    expect(ann.data!.nominate).toMatchObject({ nomineeName: 'Ann Example', nominatingPartyId: parties.srpA, approvedBySsc: false });
    nominations.ann = ann.data!.nominate.id;
    const bob = await as<{ nominate: { id: string } }>(tokens.srpB!, NOMINATE, nominationInput(parties.srpB, 'Bob Example'));
    expect(bob.errors).toBeUndefined();
    nominations.bob = bob.data!.nominate.id;

    expect(refusal(await as(tokens.srpA!, NOMINATE, nominationInput(parties.srpB, 'For someone else'))).code).toBe('FORBIDDEN');
    expect(refusal(await as(tokens.admin!, NOMINATE, nominationInput(parties.srpA, 'By the administrator'))).code).toBe('FORBIDDEN');

    const unscreened = refusal(await as(tokens.srpC!, NOMINATE, nominationInput(parties.srpC, 'Unscreened', { bs7858ScreeningCompleted: false })));
    expect(unscreened.code).toBe('NOMINATION_INELIGIBLE');
    expect(unscreened.message).toMatch(/bs7858ScreeningCompleted/);
    const junior = refusal(await as(tokens.srpC!, NOMINATE, nominationInput(parties.srpC, 'Junior', { nominatorHoldsSeniorPosition: false })));
    expect(junior.code).toBe('NOMINATION_INELIGIBLE');
    expect(junior.message).toMatch(/nominatorHoldsSeniorPosition.*senior position/);
    const notProvider = refusal(await as(tokens.plain!, NOMINATE, nominationInput(parties.plain, 'Not a provider')));
    expect(notProvider.code).toBe('NOMINATION_INELIGIBLE');
    expect(notProvider.message).toMatch(/not a Shared Resource Provider/);
  });

  it('R-SSC-2: SSC_MEMBER alone may approve a nominee explicitly, ahead of the appointment (approveNomination, beyond the contract)', async () => {
    for (const token of [tokens.admin!, tokens.srpA!]) expect(refusal(await as(token, APPROVE, { id: nominations.ann })).code).toBe('FORBIDDEN');
    for (const id of [nominations.ann, nominations.bob]) {
      const approved = await as<{ approveNomination: { approvedBySsc: boolean } }>(tokens.ssc!, APPROVE, { id });
      expect(approved.errors).toBeUndefined();
      expect(approved.data!.approveNomination.approvedBySsc).toBe(true);
    }
  });

  it('R-SSC-3: Other SEC Parties that are providers vote once each, for their own party; the ballot stays secret', async () => {
    const first = await as<{ castVote: ElectionView }>(tokens.srpA!, VOTE, { e: electionId, n: nominations.ann, v: parties.srpA });
    expect(first.errors).toBeUndefined();
    expect(first.data!.castVote).toMatchObject({ state: 'OPEN', tally: null });
    expect((await as(tokens.srpB!, VOTE, { e: electionId, n: nominations.bob, v: parties.srpB })).errors).toBeUndefined();

    const again = refusal(await as(tokens.srpA!, VOTE, { e: electionId, n: nominations.bob, v: parties.srpA }));
    expect(again.code).toBe('ALREADY_VOTED');
    expect(refusal(await as(tokens.srpC!, VOTE, { e: electionId, n: nominations.ann, v: parties.srpA })).code).toBe('FORBIDDEN');
    expect(refusal(await as(tokens.admin!, VOTE, { e: electionId, n: nominations.ann, v: parties.srpC })).code).toBe('FORBIDDEN');

    const notProvider = refusal(await as(tokens.plain!, VOTE, { e: electionId, n: nominations.ann, v: parties.plain }));
    expect(notProvider.code).toBe('VOTER_NOT_ELIGIBLE');
    expect(notProvider.message).toMatch(/not a Shared Resource Provider/);
    const withRoles = refusal(await as(tokens.supplierSrp!, VOTE, { e: electionId, n: nominations.ann, v: parties.supplierSrp }));
    expect(withRoles.code).toBe('VOTER_NOT_ELIGIBLE');
    expect(withRoles.message).toMatch(/holds Supplier or Network roles \(IMPORT_SUPPLIER\)/);
    expect(refusal(await as(tokens.srpC!, VOTE, { e: electionId, n: '00000000-0000-4000-8000-000000000000', v: parties.srpC })).code).toBe('NOT_FOUND');

    const read = await as<{ election: ElectionView }>(tokens.srpC!, READ, { id: electionId });
    expect(read.data!.election.candidates.map((c) => c.nomineeName)).toEqual(['Ann Example', 'Bob Example']);
    expect(read.data!.election.tally).toBeNull();
  });

  it("R-SSC-3: a tie is closed by SECAS_ADMIN with the Chair's casting vote naming a tied candidate", async () => {
    expect(refusal(await as(tokens.ssc!, CLOSE, { e: electionId, c: nominations.bob })).code).toBe('FORBIDDEN');
    const tied = refusal(await as(tokens.admin!, CLOSE, { e: electionId }));
    expect(tied.code).toBe('BAD_USER_INPUT');
    expect(tied.message).toMatch(/tied between Ann Example .* and Bob Example/);
    const closed = await as<{ closeElection: ElectionView }>(tokens.admin!, CLOSE, { e: electionId, c: nominations.bob });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeElection).toMatchObject({ state: 'CLOSED', outcome: 'CASTING_VOTE', closedOn: today, winner: { id: nominations.bob, nomineeName: 'Bob Example' } });
    expect(closed.data!.closeElection.tally).toEqual([
      { nomination: { id: nominations.ann }, votes: 1 },
      { nomination: { id: nominations.bob }, votes: 1 },
    ]);
    expect(refusal(await as(tokens.srpC!, VOTE, { e: electionId, n: nominations.ann, v: parties.srpC })).code).toBe('CONFLICT');
    expect(refusal(await as(tokens.admin!, CLOSE, { e: electionId, c: nominations.bob })).code).toBe('CONFLICT');
  });

  it('R-SSC-4, R-SSC-1: SSC_MEMBER appoints the winner with the impartiality declaration; sscSeats shows the member', async () => {
    expect(refusal(await as(tokens.admin!, APPOINT, { e: electionId, i: true })).code).toBe('FORBIDDEN');
    const undeclared = refusal(await as(tokens.ssc!, APPOINT, { e: electionId, i: false }));
    expect(undeclared.code).toBe('IMPARTIALITY_NOT_DECLARED');
    const appointed = await as<{ appointMember: Record<string, unknown> }>(tokens.ssc!, APPOINT, { e: electionId, i: true });
    expect(appointed.errors).toBeUndefined();
    expect(appointed.data!.appointMember).toMatchObject({
      name: 'Bob Example',
      seatKind: 'SHARED_RESOURCE_PROVIDER',
      partyId: parties.srpB,
      impartialityDeclared: true,
      termEndsOn: termEnd,
    });
    expect(refusal(await as(tokens.ssc!, APPOINT, { e: electionId, i: true })).code).toBe('CONFLICT');

    const seats = await as<{ sscSeats: Array<{ kind: string; count: number; members: Array<{ name: string }> }> }>(tokens.plain!, SEATS);
    expect(seats.errors).toBeUndefined();
    expect(seats.data!.sscSeats.find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')).toMatchObject({ count: 1, members: [{ name: 'Bob Example' }] });
    expect(seats.data!.sscSeats.find((s) => s.kind === 'LARGE_SUPPLIER')).toMatchObject({ count: 6, members: [] });
  });

  it('R-SSC-3: one approved candidate is elected unopposed; the new member takes the seat', async () => {
    const opened = await as<{ openElection: ElectionView }>(tokens.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: today, closesOn });
    const second = opened.data!.openElection.id;
    const cy = await as<{ nominate: { id: string } }>(tokens.srpC!, NOMINATE, { input: { ...nominationInput(parties.srpC, 'Cy Example').input, electionId: second } });
    expect(cy.errors).toBeUndefined();
    expect((await as(tokens.ssc!, APPROVE, { id: cy.data!.nominate.id })).errors).toBeUndefined();
    const closed = await as<{ closeElection: ElectionView }>(tokens.admin!, CLOSE, { e: second });
    expect(closed.data!.closeElection).toMatchObject({ state: 'CLOSED', outcome: 'UNOPPOSED', winner: { nomineeName: 'Cy Example' } });
    expect((await as(tokens.ssc!, APPOINT, { e: second, i: true })).errors).toBeUndefined();
    const seats = await as<{ sscSeats: Array<{ kind: string; members: Array<{ name: string }> }> }>(tokens.cio!, SEATS);
    expect(seats.data!.sscSeats.find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!.members.map((m) => m.name)).toEqual(['Cy Example']);
  });

  it('R-SSC-2, R-SSC-3: an election run with the contract mutations only (no approveNomination): votes for unapproved nominees count, the appointment approves the winner', async () => {
    const opened = await as<{ openElection: ElectionView }>(tokens.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: today, closesOn });
    expect(opened.errors).toBeUndefined();
    const third = opened.data!.openElection.id;
    const nominateIn = async (token: string, partyId: string, name: string): Promise<string> => {
      const made = await as<{ nominate: { id: string; approvedBySsc: boolean } }>(token, NOMINATE, { input: { ...nominationInput(partyId, name).input, electionId: third } });
      expect(made.errors).toBeUndefined();
      expect(made.data!.nominate.approvedBySsc).toBe(false);
      return made.data!.nominate.id;
    };
    const dee = await nominateIn(tokens.srpA!, parties.srpA, 'Dee Example');
    const eve = await nominateIn(tokens.srpB!, parties.srpB, 'Eve Example');

    // A vote for an accepted nominee the SSC has not approved is accepted.
    const first = await as<{ castVote: ElectionView }>(tokens.srpA!, VOTE, { e: third, n: eve, v: parties.srpA });
    expect(first.errors).toBeUndefined();
    expect(first.data!.castVote.candidates.map((c) => [c.nomineeName, c.approvedBySsc])).toEqual([['Dee Example', false], ['Eve Example', false]]);
    expect((await as(tokens.srpB!, VOTE, { e: third, n: eve, v: parties.srpB })).errors).toBeUndefined();
    expect((await as(tokens.srpC!, VOTE, { e: third, n: dee, v: parties.srpC })).errors).toBeUndefined();
    expect(refusal(await as(tokens.srpA!, VOTE, { e: third, n: dee, v: parties.srpA })).code).toBe('ALREADY_VOTED');

    const closed = await as<{ closeElection: ElectionView }>(tokens.admin!, CLOSE, { e: third });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeElection).toMatchObject({ state: 'CLOSED', outcome: 'MOST_VOTES', winner: { id: eve, nomineeName: 'Eve Example' } });
    expect(closed.data!.closeElection.tally).toEqual([
      { nomination: { id: dee }, votes: 1 },
      { nomination: { id: eve }, votes: 2 },
    ]);

    expect(refusal(await as(tokens.admin!, APPOINT, { e: third, i: true })).code).toBe('FORBIDDEN');
    const appointed = await as<{ appointMember: { id: string } }>(tokens.ssc!, APPOINT, { e: third, i: true });
    expect(appointed.errors).toBeUndefined();
    expect(appointed.data!.appointMember).toMatchObject({ name: 'Eve Example', partyId: parties.srpB, impartialityDeclared: true, termEndsOn: termEnd });
    const memberId = appointed.data!.appointMember.id;

    const read = await as<{ election: ElectionView }>(tokens.srpC!, READ, { id: third });
    expect(read.data!.election.candidates.map((c) => [c.nomineeName, c.approvedBySsc])).toEqual([['Dee Example', false], ['Eve Example', true]]);
    const seats = await as<{ sscSeats: Array<{ kind: string; members: Array<{ name: string }> }> }>(tokens.cio!, SEATS);
    expect(seats.data!.sscSeats.find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!.members.map((m) => m.name)).toEqual(['Eve Example']);

    // The approval and the appointment are written together, NominationApproved first.
    const outbox: Array<{ type: string }> = await system.services['ssc-membership']!.dataSource.query(
      `SELECT type FROM outbox_message WHERE type IN ('NominationApproved', 'MemberAppointed') AND payload->'data'->>'electionId' = $1 ORDER BY seq`,
      [third],
    );
    expect(outbox.map((r) => r.type)).toEqual(['NominationApproved', 'MemberAppointed']);

    // On Kafka: NominationApproved follows ElectionClosed under the election's key; MemberAppointed under the member's.
    const ofThird = await published.waitFor(() => {
      const found = published.about(third);
      return found.some((p) => p.event.type === 'NominationApproved') ? found : undefined;
    });
    expect(ofThird.map((p) => p.event.type)).toEqual([
      'ElectionOpened',
      'NominationAccepted',
      'NominationAccepted',
      'VoteCast',
      'VoteCast',
      'VoteCast',
      'ElectionClosed',
      'NominationApproved',
    ]);
    const approvedEvent = ofThird.at(-1)!;
    expect(approvedEvent.key).toBe(third);
    expect(approvedEvent.event.data).toEqual({ electionId: third, nominationId: eve });
    const member = await published.waitFor((messages) => messages.find((p) => p.event.type === 'MemberAppointed' && p.event.data.electionId === third));
    expect(member.key).toBe(memberId);
    expect(member.event.data).toMatchObject({ memberId, name: 'Eve Example', partyId: parties.srpB });
    expect(member.event.data.supersededMemberIds).toHaveLength(1);
    for (const { event } of [approvedEvent, member]) {
      expect(() => definitionOf(event.type)!.envelope.parse(event)).not.toThrow();
      expect(event).toMatchObject({ version: 1, source: 'ssc-membership' });
    }
  });

  it('publishes every change on sec.ssc-membership.v1 in the contract envelope; VoteCast names the voter, never the choice', async () => {
    const events = (): RecordedEvent[] => published.messages.map((p) => p.event);
    // Events of one election share its key, so they arrive in order; the member is keyed by its own id.
    const ofElection = await published.waitFor(() => {
      const found = events().filter((e) => e.subject === electionId);
      return found.some((e) => e.type === 'ElectionClosed') ? found : undefined;
    });
    const appointed = await published.waitFor(() => events().find((e) => e.type === 'MemberAppointed' && e.data.electionId === electionId));
    expect(ofElection.map((e) => e.type)).toEqual([
      'ElectionOpened',
      'NominationAccepted',
      'NominationAccepted',
      'NominationApproved',
      'NominationApproved',
      'VoteCast',
      'VoteCast',
      'ElectionClosed',
    ]);
    const ours = [...ofElection, appointed];
    for (const { key, event } of published.messages.filter((p) => ours.includes(p.event))) expect(key).toBe(event.subject);
    for (const event of ours) {
      expect(() => definitionOf(event.type)!.envelope.parse(event)).not.toThrow();
      expect(event).toMatchObject({ version: 1, source: 'ssc-membership' });
    }
    const votes = ours.filter((e) => e.type === 'VoteCast');
    expect(votes.map((e) => e.data)).toEqual([
      { electionId, voterPartyId: parties.srpA },
      { electionId, voterPartyId: parties.srpB },
    ]);
    expect(ours.find((e) => e.type === 'ElectionClosed')!.data).toMatchObject({ winnerNominationId: nominations.bob, outcome: 'CASTING_VOTE' });
    expect(appointed.data).toMatchObject({ name: 'Bob Example', partyId: parties.srpB, impartialityDeclared: true, termEndsOn: termEnd });
  });

  it('R-SSC-3, R-PARTY-1: the electorate of the opening date (E10): A (no role) and B (OTHER_USER) vote; C (a Supplier Party) and D (a provider only after the opening date) do not', async () => {
    const opensOn = '2026-01-05';
    const party = async (name: string, userRoles: string[], availableFrom: string | null): Promise<string> => {
      const registered = await as<{ registerParty: { id: string } }>(tokens.admin!, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
        input: { name: `${name} ${run}`, userRoles, rolesEffectiveFrom: '2020-01-01' },
      });
      expect(registered.errors).toBeUndefined();
      const id = registered.data!.registerParty.id;
      if (availableFrom !== null) {
        const resource = await as(tokens.admin!, 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }', {
          input: { name: `${name} hub`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id, availableFrom },
        });
        expect(resource.errors).toBeUndefined();
      }
      return id;
    };
    const a = await party('E10 A', [], '2020-01-01');
    const b = await party('E10 B', ['OTHER_USER'], '2020-01-01');
    const c = await party('E10 C', ['GAS_SUPPLIER'], '2020-01-01');
    const d = await party('E10 D', [], today);
    const none = await party('E10 none', ['OTHER_USER'], null);
    const opened = await as<{ openElection: ElectionView }>(tokens.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn, closesOn });
    expect(opened.errors).toBeUndefined();
    const election = opened.data!.openElection.id;
    const nominee = await eventually(async () => {
      const r = await as<{ nominate: { id: string } }>(await system.token('PARTY_USER', a), NOMINATE, { input: { ...nominationInput(a, 'Ada Example').input, electionId: election } });
      return r.data?.nominate.id;
    });
    const vote = async (voter: string) => as(await system.token('PARTY_USER', voter), VOTE, { e: election, n: nominee, v: voter });
    // The register reaches ssc-membership through Kafka: wait until D is known as a provider at all.
    await eventually(async () => {
      const rows: unknown[] = await system.services['ssc-membership']!.dataSource.query(`SELECT 1 FROM projected_srp_designation WHERE party_id = $1`, [d]);
      return rows.length > 0;
    });
    expect((await vote(a)).errors).toBeUndefined();
    expect((await vote(b)).errors).toBeUndefined();
    const supplier = refusal(await vote(c));
    expect(supplier).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE', message: expect.stringMatching(/holds Supplier or Network roles \(GAS_SUPPLIER\) on 2026-01-05/) });
    const late = refusal(await vote(d));
    expect(late).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE', message: expect.stringMatching(/not a Shared Resource Provider on 2026-01-05/) });
    expect(refusal(await vote(none)).code).toBe('VOTER_NOT_ELIGIBLE');
    const closed = await as<{ closeElection: ElectionView }>(tokens.admin!, CLOSE, { e: election });
    expect(closed.data!.closeElection.tally).toEqual([{ nomination: { id: nominee }, votes: 2 }]);
  });
});
