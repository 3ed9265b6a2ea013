import { randomUUID } from 'node:crypto';
import { SSC, startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { sscMembershipService } from '../app';
import { validateNominationInput } from '../domain/nomination';
import { NominationEntity } from '../entities/nomination.entity';
import type { CommandMeta } from './command-meta';
import { openElection } from './open-election';
import { nominate } from './nominate';
import { castVote } from './cast-vote';
import { closeElection } from './close-election';

const meta: CommandMeta = { actor: 'tester', now: new Date('2026-11-10T12:00:00Z'), today: '2026-11-10', correlationId: 'corr-1' };
const DECLINE = `mutation($n: ID!, $r: String!) { declineNomination(nominationId: $n, reason: $r) { id declinedBySsc declineReason approvedBySsc } }`;
const ELECTION = `query($e: ID!) { election(id: $e) { candidates { id } declinedNominations { id nomineeName declinedBySsc declineReason } } }`;
const TABLES = ['nomination', 'vote', 'outbox_message'] as const;

describe('declineNomination (R-SSC-2): the subgraph in-process, PostgreSQL and the outbox', () => {
  let h: SubgraphHarness;
  beforeAll(async () => {
    h = await startSubgraphHarness('ssc-membership', sscMembershipService(), { today: '2026-11-10' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const provider = async () => {
    const partyId = randomUUID();
    await h.publish('PartyRegistered', { partyId, name: `P ${partyId}`, userRoles: [], isSharedResourceProvider: true, domesticPremises: null }, { occurredAt: new Date('2020-01-01T12:00:00Z') });
    return partyId;
  };
  const nominee = (electionId: string, nominatingPartyId: string, nomineeName: string) =>
    nominate(
      h.dataSource,
      validateNominationInput({
        electionId, nomineeName, nominatingPartyId, nominatorName: 'Chief Executive',
        nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true,
      }),
      meta,
    );

  it('R-SSC-2: an SSC member declines a nominee with a reason: stored with who and when, published, no longer a candidate, no votes, not counted', async () => {
    const [p1, p2, p3] = [await provider(), await provider(), await provider()];
    const election = await openElection(h.dataSource, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: '2026-11-30' }, meta);
    const ann = await nominee(election.id, p1, 'Ann');
    const bob = await nominee(election.id, p2, 'Bob');

    // Deny by default: a party user (even the nominating party) and SECAS do not decide on a nominee; a blank reason stores nothing.
    const before = await h.counts(TABLES);
    expect((await h.gql({ roles: ['PARTY_USER'], partyId: p1 }, DECLINE, { n: ann.id, r: 'x' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql({ roles: ['SECAS_ADMIN'] }, DECLINE, { n: ann.id, r: 'x' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(SSC, DECLINE, { n: ann.id, r: '   ' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await h.gql(SSC, DECLINE, { n: randomUUID(), r: 'x' })).errors?.[0]?.code).toBe('NOT_FOUND');
    expect(await h.counts(TABLES)).toEqual(before);

    const declined = await h.gql(SSC, DECLINE, { n: ann.id, r: '  BS7858 screening not evidenced ' }, 'corr-decline');
    expect(declined.errors).toBeUndefined();
    expect(declined.data?.declineNomination).toEqual({ id: ann.id, declinedBySsc: true, declineReason: 'BS7858 screening not evidenced', approvedBySsc: false });
    const row = await h.dataSource.getRepository(NominationEntity).findOneByOrFail({ id: ann.id });
    expect({ by: row.declinedBy, reason: row.declineReason, at: row.declinedAt }).toEqual({ by: SSC.sub, reason: 'BS7858 screening not evidenced', at: expect.any(Date) });
    const events = await h.outbox(`type = 'NominationDeclined'`);
    expect(events.map((e) => ({ key: e.key, data: e.payload.data, correlation: e.headers['correlation-id'] }))).toEqual([
      { key: election.id, data: { electionId: election.id, nominationId: ann.id, reason: 'BS7858 screening not evidenced' }, correlation: 'corr-decline' },
    ]);

    // A second decline, and approving the declined nominee, change nothing.
    const afterDecline = await h.counts(TABLES);
    expect((await h.gql(SSC, DECLINE, { n: ann.id, r: 'again' })).errors?.[0]?.code).toBe('CONFLICT');
    expect((await h.gql(SSC, `mutation($n: ID!) { approveNomination(nominationId: $n) { id } }`, { n: ann.id })).errors?.[0]?.code).toBe('CONFLICT');
    expect(await h.counts(TABLES)).toEqual(afterDecline);

    // R-SSC-3: the declined nominee receives no vote; the election reads it apart from the candidates.
    await expect(castVote(h.dataSource, { electionId: election.id, nominationId: ann.id, voterPartyId: p3 }, meta)).rejects.toThrow(/declined by the SSC/);
    expect(await h.counts(TABLES)).toEqual(afterDecline);
    const read = await h.gql(SSC, ELECTION, { e: election.id });
    expect(read.data?.election).toEqual({
      candidates: [{ id: bob.id }],
      declinedNominations: [{ id: ann.id, nomineeName: 'Ann', declinedBySsc: true, declineReason: 'BS7858 screening not evidenced' }],
    });

    // The reason is the nominating party's and oversight's to read; another party sees that it was declined, not why.
    const own = await h.gql({ roles: ['PARTY_USER'], partyId: p1 }, ELECTION, { e: election.id });
    expect(own.data?.election.declinedNominations[0].declineReason).toBe('BS7858 screening not evidenced');
    const other = await h.gql({ roles: ['PARTY_USER'], partyId: p2 }, `query($e: ID!) { election(id: $e) { declinedNominations { id declinedBySsc declineReason } } }`, { e: election.id });
    expect(other.errors).toBeUndefined();
    expect(other.data?.election.declinedNominations).toEqual([{ id: ann.id, declinedBySsc: true, declineReason: null }]);

    // R-SSC-3: Bob alone is a candidate, so he is elected unopposed.
    const closed = await closeElection(h.dataSource, { electionId: election.id }, meta);
    expect(closed).toMatchObject({ winnerNominationId: bob.id, outcome: 'UNOPPOSED', tally: [{ nominationId: bob.id, votes: 0 }] });
  });

  it('R-SSC-2 (decision): a nominee who has a vote, or of a CLOSED election, is not declined', async () => {
    const [p1, p2] = [await provider(), await provider()];
    const election = await openElection(h.dataSource, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-11-01', closesOn: '2026-11-30' }, meta);
    const cy = await nominee(election.id, p1, 'Cy');
    const di = await nominee(election.id, p2, 'Di');
    await castVote(h.dataSource, { electionId: election.id, nominationId: cy.id, voterPartyId: p2 }, meta);
    const before = await h.counts(TABLES);
    const voted = await h.gql(SSC, DECLINE, { n: cy.id, r: 'late' });
    expect(voted.errors?.[0]?.code).toBe('CONFLICT');
    expect(voted.errors?.[0]?.message).toMatch(/has already received 1 vote/);
    await closeElection(h.dataSource, { electionId: election.id }, meta);
    const closed = await h.gql(SSC, DECLINE, { n: di.id, r: 'late' });
    expect(closed.errors?.[0]?.message).toMatch(/is CLOSED/);
    expect(await h.counts(['nomination', 'vote'])).toEqual({ nomination: before.nomination, vote: before.vote });
    expect((await h.dataSource.getRepository(NominationEntity).findBy({ electionId: election.id })).map((n) => n.declinedAt)).toEqual([null, null]);
  });
});
