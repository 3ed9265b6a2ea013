import { randomUUID } from 'node:crypto';
import { UNDATED_ROLES_FROM } from '@sec-assure/rules';
import { ADMIN, startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { sscMembershipService } from '../app';

// E10 as a client of the contract writes it: parties registered today (registerParty has no day for
// the roles, so party-registry publishes them as held before anything it records, UNDATED_ROLES_FROM:
// R-PARTY-1, decision), with WHOLE_USER_SYSTEM resources available since 2020, and an election that
// opened on 2026-01-05, before the registrations: C, registered as a GAS_SUPPLIER, is a Supplier Party
// on the opening date, not an Other SEC Party with no role (R-SSC-3).
const TODAY = '2026-12-06';
const REGISTERED_AT = new Date('2026-12-06T09:00:00Z');

const OPEN = `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`;
const NOMINATE = `mutation($input: NominationInput!) { nominate(input: $input) { id } }`;
const VOTE = `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`;
const CLOSE = `mutation($e: ID!) { closeElection(electionId: $e) { tally { nomination { id } votes } } }`;

describe('R-SSC-3, R-PARTY-1: the electorate of an opening date before the parties were registered (E10 through the contract)', () => {
  let h: SubgraphHarness;
  beforeAll(async () => {
    h = await startSubgraphHarness('ssc-membership', sscMembershipService(), { today: TODAY });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** As party-registry publishes a registration that gives the roles no day. */
  const register = async (name: string, userRoles: Array<'OTHER_USER' | 'GAS_SUPPLIER'>, availableFrom: string | null): Promise<string> => {
    const partyId = randomUUID();
    const at = { occurredAt: REGISTERED_AT };
    await h.publish('PartyRegistered', { partyId, name: `${name} ${partyId}`, userRoles, isSharedResourceProvider: false, domesticPremises: null, rolesEffectiveFrom: UNDATED_ROLES_FROM }, at);
    if (availableFrom !== null) {
      await h.publish('SharedResourceRegistered', { sharedResourceId: randomUUID(), name: `${name} hub`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: partyId, optInAsProvider: false, availableFrom }, at);
    }
    return partyId;
  };
  const userOf = (partyId: string) => ({ roles: ['PARTY_USER' as const], partyId });

  it('R-SSC-3, R-PARTY-1: A (no role) and B (OTHER_USER) vote; C, registered as a GAS_SUPPLIER, is a Supplier Party on the opening date and does not', async () => {
    const a = await register('E10 A', [], '2020-01-01');
    const b = await register('E10 B', ['OTHER_USER'], '2020-01-01');
    const c = await register('E10 C', ['GAS_SUPPLIER'], '2020-01-01');
    const d = await register('E10 D', [], TODAY);
    const opened = await h.gql<{ openElection: { id: string } }>(ADMIN, OPEN, { o: '2026-01-05', c: '2027-01-31' });
    expect(opened.errors).toBeUndefined();
    const e = opened.data!.openElection.id;
    const nominated = await h.gql<{ nominate: { id: string } }>(userOf(a), NOMINATE, {
      input: {
        electionId: e, nomineeName: 'Ada Example', nominatingPartyId: a, nominatorName: 'Chief Executive',
        nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true,
      },
    });
    expect(nominated.errors).toBeUndefined();
    const n = nominated.data!.nominate.id;
    const vote = (voter: string) => h.gql(userOf(voter), VOTE, { e, n, v: voter });

    expect((await vote(a)).errors).toBeUndefined();
    expect((await vote(b)).errors).toBeUndefined();
    const supplier = (await vote(c)).errors?.[0];
    expect(supplier?.extensions).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE', field: 'voterPartyId' });
    expect(supplier?.message).toMatch(/holds Supplier or Network roles \(GAS_SUPPLIER\) on 2026-01-05/);
    expect((await vote(d)).errors?.[0]?.message).toMatch(/not a Shared Resource Provider on 2026-01-05/);

    const closed = await h.gql<{ closeElection: { tally: Array<{ nomination: { id: string }; votes: number }> } }>(ADMIN, CLOSE, { e });
    expect(closed.data!.closeElection.tally).toEqual([{ nomination: { id: n }, votes: 2 }]);
  });

  it('R-SSC-2, R-SRP-2: a party whose only resource is available from a later day is not yet a provider, so it does not nominate for the SRP seat', async () => {
    const later = await register('Later provider', [], '2027-01-04');
    const now = await register('Provider from today', [], TODAY);
    const opened = await h.gql<{ openElection: { id: string } }>(ADMIN, OPEN, { o: '2026-12-01', c: '2027-01-31' });
    expect(opened.errors).toBeUndefined();
    const e = opened.data!.openElection.id;
    const nominate = (partyId: string, nomineeName: string) =>
      h.gql(userOf(partyId), NOMINATE, {
        input: {
          electionId: e, nomineeName, nominatingPartyId: partyId, nominatorName: 'Chief Executive',
          nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true,
        },
      });
    const refused = (await nominate(later, 'Lee Later')).errors?.[0];
    expect(refused?.extensions).toMatchObject({ code: 'NOMINATION_INELIGIBLE', field: 'nominatingPartyId' });
    expect(refused?.message).toMatch(/is not a Shared Resource Provider/);
    expect((await nominate(now, 'Nia Now')).errors).toBeUndefined();
  });

  it('R-PARTY-1: a registration that dates its roles is history: before that day the party held none of them', async () => {
    const partyId = randomUUID();
    await h.publish(
      'PartyRegistered',
      { partyId, name: `Dated ${partyId}`, userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: false, domesticPremises: null, rolesEffectiveFrom: '2026-03-01' },
      { occurredAt: REGISTERED_AT },
    );
    await h.publish('SharedResourceRegistered', { sharedResourceId: randomUUID(), name: 'Dated hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: partyId, optInAsProvider: false, availableFrom: '2020-01-01' });
    const { findVoterOn } = await import('../queries/parties');
    expect((await findVoterOn(h.dataSource.manager, partyId, '2026-01-05'))?.userRoles).toEqual([]);
    expect((await findVoterOn(h.dataSource.manager, partyId, '2026-03-01'))?.userRoles).toEqual(['GAS_SUPPLIER']);
  });
});
