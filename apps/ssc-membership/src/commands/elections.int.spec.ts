import { randomUUID } from 'node:crypto';
import { ADMIN, refusalOfAsync, startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { sscMembershipService } from '../app';
import { NominationEntity } from '../entities/nomination.entity';
import { validateNominationInput } from '../domain/nomination';
import { currentSeats } from '../queries/members';
import type { CommandMeta } from './command-meta';
import { openElection } from './open-election';
import { nominate } from './nominate';
import { approveNomination } from './approve-nomination';
import { castVote } from './cast-vote';
import { closeElection } from './close-election';
import { appointMember } from './appoint-member';

const meta: CommandMeta = { actor: 'tester', now: new Date('2026-11-30T12:00:00Z'), today: '2026-11-30', correlationId: 'corr-1' };

describe('election commands (PostgreSQL, outbox) and the subgraph in-process', () => {
  let h: SubgraphHarness;
  let db: { dataSource: SubgraphHarness['dataSource'] };
  beforeAll(async () => {
    h = await startSubgraphHarness('ssc-membership', sscMembershipService(), { today: '2026-11-30' });
    db = { dataSource: h.dataSource };
  });
  afterAll(async () => {
    await h?.stop();
  });

  const party = async (isSharedResourceProvider: boolean, userRoles: Array<'OTHER_USER'> = []) => {
    const partyId = randomUUID();
    // Registered (and so a provider, R-SRP-2) long before the elections open: the electorate is that of the opening date (R-SSC-3),
    // through the service's own projection consumer.
    await h.publish('PartyRegistered', { partyId, name: `P ${partyId}`, userRoles, isSharedResourceProvider, domesticPremises: null }, { occurredAt: new Date('2020-01-01T12:00:00Z') });
    return partyId;
  };
  const nominationOf = (electionId: string, nominatingPartyId: string, nomineeName: string, over: Record<string, unknown> = {}) =>
    validateNominationInput({
      electionId, nomineeName, nominatingPartyId, nominatorName: 'Chief Executive',
      nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true, ...over,
    });
  const counts = async () => {
    const [row] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM outbox_message)::int AS outbox, (SELECT count(*) FROM nomination)::int AS nominations,
              (SELECT count(*) FROM vote)::int AS votes, (SELECT count(*) FROM ssc_member)::int AS members,
              (SELECT count(*) FROM election WHERE state = 'OPEN')::int AS open`,
    );
    return row as Record<string, number>;
  };
  const code = async (run: Promise<unknown>) => {
    try {
      await run;
    } catch (error) {
      return (await refusalOfAsync(() => Promise.reject(error))).code;
    }
    return 'no refusal';
  };
  const approvalOf = async (nominationId: string) => {
    const row = await db.dataSource.getRepository(NominationEntity).findOneByOrFail({ id: nominationId });
    return { approvedBySsc: row.approvedBySsc, approvedAt: row.approvedAt, approvedBy: row.approvedBy };
  };
  /** The types of the events about one election (members by their election), in outbox order. */
  const eventsOfElection = async (electionId: string): Promise<Array<{ type: string; key: string; data: Record<string, unknown> }>> =>
    (await db.dataSource.query(`SELECT type, key, payload FROM outbox_message WHERE payload->'data'->>'electionId' = $1 ORDER BY seq`, [electionId])).map(
      (r: { type: string; key: string; payload: { data: Record<string, unknown> } }) => ({ type: r.type, key: r.key, data: r.payload.data }),
    );
  const outboxTypes = async (): Promise<string[]> =>
    (await db.dataSource.query(`SELECT type FROM outbox_message ORDER BY seq`)).map((r: { type: string }) => r.type);

  it('R-SSC-1..4: a whole election with explicit SSC approvals, each refusal storing and publishing nothing', async () => {
    const [srp1, srp2, srp3, notSrp] = [await party(true), await party(true), await party(true), await party(false)];
    const election = await openElection(db.dataSource, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: '2026-11-30' }, meta);
    const ann = await nominate(db.dataSource, nominationOf(election.id, srp1, 'Ann'), meta);
    const bob = await nominate(db.dataSource, nominationOf(election.id, srp2, 'Bob'), meta);

    const before = await counts();
    expect(await code(openElection(db.dataSource, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-12-01', closesOn: '2026-12-31' }, meta))).toBe('CONFLICT');
    expect(await code(nominate(db.dataSource, nominationOf(election.id, srp3, 'Cy', { bs7858ScreeningCompleted: false }), meta))).toBe('NOMINATION_INELIGIBLE');
    expect(await code(nominate(db.dataSource, nominationOf(election.id, notSrp, 'Di'), meta))).toBe('NOMINATION_INELIGIBLE');
    expect(await code(nominate(db.dataSource, nominationOf(election.id, randomUUID(), 'Ed'), meta))).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);

    await approveNomination(db.dataSource, ann.id, meta);
    await approveNomination(db.dataSource, bob.id, meta);
    await castVote(db.dataSource, { electionId: election.id, nominationId: ann.id, voterPartyId: srp1 }, meta);
    await castVote(db.dataSource, { electionId: election.id, nominationId: bob.id, voterPartyId: srp2 }, meta);

    const voted = await counts();
    expect(await code(castVote(db.dataSource, { electionId: election.id, nominationId: bob.id, voterPartyId: srp1 }, meta))).toBe('ALREADY_VOTED');
    expect(await code(castVote(db.dataSource, { electionId: election.id, nominationId: bob.id, voterPartyId: notSrp }, meta))).toBe('VOTER_NOT_ELIGIBLE');
    expect(await code(closeElection(db.dataSource, { electionId: election.id }, meta))).toBe('BAD_USER_INPUT'); // tie
    expect(await code(appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: true }, meta))).toBe('CONFLICT'); // still OPEN
    expect(await counts()).toEqual(voted);

    const closed = await closeElection(db.dataSource, { electionId: election.id, castingVoteNominationId: bob.id }, meta);
    expect(closed).toMatchObject({ state: 'CLOSED', winnerNominationId: bob.id, outcome: 'CASTING_VOTE', closedOn: '2026-11-30' });
    expect(await code(appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: false }, meta))).toBe('IMPARTIALITY_NOT_DECLARED');
    const appointed = await appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: true }, { ...meta, actor: 'later-ssc-member' });
    expect(appointed).toMatchObject({ name: 'Bob', partyId: srp2, seatKind: 'SHARED_RESOURCE_PROVIDER', termEndsOn: '2028-11-30', impartialityDeclared: true });
    expect(await code(appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: true }, meta))).toBe('CONFLICT');

    expect(await outboxTypes()).toEqual([
      'ElectionOpened', 'NominationAccepted', 'NominationAccepted', 'NominationApproved', 'NominationApproved',
      'VoteCast', 'VoteCast', 'ElectionClosed', 'MemberAppointed',
    ]);
    const [closedEvent] = await db.dataSource.query(`SELECT payload FROM outbox_message WHERE type = 'ElectionClosed'`);
    expect(closedEvent.payload.data).toEqual({
      electionId: election.id,
      winnerNominationId: bob.id,
      votes: expect.arrayContaining([{ nominationId: ann.id, count: 1 }, { nominationId: bob.id, count: 1 }]),
      outcome: 'CASTING_VOTE',
      closedOn: '2026-11-30',
    });
    const seats = await currentSeats(db.dataSource, '2026-11-30');
    expect(seats.find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!.members.map((m) => m.name)).toEqual(['Bob']);
    // R-SSC-2: an approval given ahead of time stands; the appointment does not approve again.
    expect(await approvalOf(bob.id)).toEqual({ approvedBySsc: true, approvedAt: meta.now, approvedBy: 'tester' });
  });

  it('R-SSC-3: concurrent votes of one party: one counts, the other is ALREADY_VOTED; a later appointment supersedes the member', async () => {
    const voter = await party(true);
    // Closes on the day Bob's election closed: a term as long as his, so Solo takes his place (R-SSC-1).
    const election = await openElection(db.dataSource, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: '2026-11-30' }, meta);
    const solo = await nominate(db.dataSource, nominationOf(election.id, voter, 'Solo'), meta);
    await approveNomination(db.dataSource, solo.id, meta);
    const results = await Promise.all([1, 2].map(() => code(castVote(db.dataSource, { electionId: election.id, nominationId: solo.id, voterPartyId: voter }, meta))));
    expect(results.sort()).toEqual(['ALREADY_VOTED', 'no refusal']);
    expect((await closeElection(db.dataSource, { electionId: election.id }, meta)).outcome).toBe('UNOPPOSED');
    const member = await appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: true }, meta);
    const seat = (await currentSeats(db.dataSource, '2026-11-30')).find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!;
    expect(seat.members.map((m) => m.id)).toEqual([member.id]);
    const [event] = await db.dataSource.query(`SELECT payload FROM outbox_message WHERE type = 'MemberAppointed' AND key = $1`, [member.id]);
    expect(event.payload.data.supersededMemberIds).toHaveLength(1);
  });

  it('R-SSC-2, R-SSC-3: an election run with the contract mutations only (no approveNomination) ends with an appointed, approved member', async () => {
    const [srp1, srp2, srp3] = [await party(true), await party(true), await party(true)];
    const election = await openElection(db.dataSource, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-30', closesOn: '2026-12-31' }, meta);
    const dee = await nominate(db.dataSource, nominationOf(election.id, srp1, 'Dee'), meta);
    const eve = await nominate(db.dataSource, nominationOf(election.id, srp2, 'Eve'), meta);
    expect([dee.approvedBySsc, eve.approvedBySsc]).toEqual([false, false]);

    // R-SSC-2: votes for accepted nominees the SSC has not approved are accepted and counted.
    await castVote(db.dataSource, { electionId: election.id, nominationId: eve.id, voterPartyId: srp1 }, meta);
    await castVote(db.dataSource, { electionId: election.id, nominationId: eve.id, voterPartyId: srp2 }, meta);
    await castVote(db.dataSource, { electionId: election.id, nominationId: dee.id, voterPartyId: srp3 }, meta);
    expect(await code(castVote(db.dataSource, { electionId: election.id, nominationId: dee.id, voterPartyId: srp1 }, meta))).toBe('ALREADY_VOTED');

    const closed = await closeElection(db.dataSource, { electionId: election.id }, meta);
    expect(closed).toMatchObject({ state: 'CLOSED', winnerNominationId: eve.id, outcome: 'MOST_VOTES' });
    expect(closed.tally).toHaveLength(2);
    expect(closed.tally).toEqual(expect.arrayContaining([{ nominationId: dee.id, votes: 1 }, { nominationId: eve.id, votes: 2 }]));
    expect(await approvalOf(eve.id)).toEqual({ approvedBySsc: false, approvedAt: null, approvedBy: null });

    // A refused appointment approves nothing and publishes nothing.
    const before = await counts();
    expect(await code(appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: false }, meta))).toBe('IMPARTIALITY_NOT_DECLARED');
    expect(await counts()).toEqual(before);
    expect((await approvalOf(eve.id)).approvedBySsc).toBe(false);

    const ssc: CommandMeta = { ...meta, actor: 'ssc-member', now: new Date('2027-01-05T09:00:00Z'), today: '2027-01-05', correlationId: 'corr-appoint' };
    const member = await appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: true }, ssc);
    // SECAS closed it on 2026-11-30, before its scheduled close: the term runs from that day (R-SSC-1).
    expect(member).toMatchObject({ name: 'Eve', partyId: srp2, termEndsOn: '2028-11-30', impartialityDeclared: true });
    expect(await approvalOf(eve.id)).toEqual({ approvedBySsc: true, approvedAt: ssc.now, approvedBy: 'ssc-member' });
    expect(await approvalOf(dee.id)).toEqual({ approvedBySsc: false, approvedAt: null, approvedBy: null });
    expect(await code(appointMember(db.dataSource, { electionId: election.id, impartialityDeclared: true }, ssc))).toBe('CONFLICT');

    // R-SSC-2: the appointment of the unapproved winner publishes NominationApproved, then MemberAppointed.
    const events = await eventsOfElection(election.id);
    expect(events.map((e) => e.type)).toEqual([
      'ElectionOpened', 'NominationAccepted', 'NominationAccepted', 'VoteCast', 'VoteCast', 'VoteCast', 'ElectionClosed',
      'NominationApproved', 'MemberAppointed',
    ]);
    const [approved, appointed] = events.slice(-2);
    expect(approved).toEqual({ type: 'NominationApproved', key: election.id, data: { electionId: election.id, nominationId: eve.id } });
    expect(appointed).toMatchObject({ type: 'MemberAppointed', key: member.id, data: { memberId: member.id, name: 'Eve', partyId: srp2 } });
    // Both come from the one appointMember request.
    const headers: Array<{ correlation: string | null }> = await db.dataSource.query(
      `SELECT headers->>'correlation-id' AS correlation FROM outbox_message WHERE type IN ('NominationApproved', 'MemberAppointed') AND payload->'data'->>'electionId' = $1`,
      [election.id],
    );
    expect(headers).toEqual([{ correlation: 'corr-appoint' }, { correlation: 'corr-appoint' }]);
    const seat = (await currentSeats(db.dataSource, '2027-01-05')).find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!;
    expect(seat.members.map((m) => m.name)).toEqual(['Eve']);
  });

  it('R-SSC-3 through GraphQL: only SECAS opens an election; a tie answers BAD_USER_INPUT with the tied nominations', async () => {
    const OPEN = `mutation($s: SscSeatKind!, $o: Date!, $c: Date!) { openElection(seatKind: $s, opensOn: $o, closesOn: $c) { id state } }`;
    const CLOSE = `mutation($e: ID!) { closeElection(electionId: $e) { id state } }`;
    const refused = await h.gql({ roles: ['PARTY_USER'], partyId: randomUUID() }, OPEN, { s: 'SHARED_RESOURCE_PROVIDER', o: '2027-02-01', c: '2027-02-28' });
    expect(refused.errors?.[0]?.code).toBe('FORBIDDEN');
    const opened = await h.gql<{ openElection: { id: string; state: string } }>(ADMIN, OPEN, { s: 'SHARED_RESOURCE_PROVIDER', o: '2027-02-01', c: '2027-02-28' });
    expect(opened.errors).toBeUndefined();
    const electionId = opened.data!.openElection.id;
    const [p1, p2] = [await party(true), await party(true)];
    const later: CommandMeta = { ...meta, now: new Date('2027-02-10T12:00:00Z'), today: '2027-02-10' };
    const a = await nominate(db.dataSource, nominationOf(electionId, p1, 'Gil'), later);
    const b = await nominate(db.dataSource, nominationOf(electionId, p2, 'Hal'), later);
    await castVote(db.dataSource, { electionId, nominationId: a.id, voterPartyId: p1 }, later);
    await castVote(db.dataSource, { electionId, nominationId: b.id, voterPartyId: p2 }, later);
    const tie = await h.gql(ADMIN, CLOSE, { e: electionId });
    expect(tie.data).toBeNull();
    expect(tie.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'castingVoteNominationId', tiedNominationIds: expect.arrayContaining([a.id, b.id]) });
    expect(tie.errors?.[0]?.message).toMatch(/Gil .* and Hal|Hal .* and Gil/);
  });
});
