import { apiSchemaOf } from '../../contract/compare';
import { loadSupergraph } from '../../../apps/gateway/src/supergraph';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { seedPopulation, type Population } from './walk/seed';

/**
 * Contract README §2 on the paths the confidentiality walk does not take: the objects a MUTATION
 * returns (issueDocument, acknowledgeDocument, nominate, castVote) and the dated arguments (asOf,
 * asKnownOn) of another party's fields. Of a party not its own, a PARTY_USER sees the id and name
 * only, whatever the path; a document's recipient list shows a party user its own row only (R-DIST-2,
 * R-DIST-4); ballots are secret and a nomination's nominatorName and declineReason belong to the
 * nominating party and oversight (ssc-membership policy).
 *
 * Population (tools/e2e/src/walk/seed.ts): provider B serves users A and C, provider P serves D; a
 * report about B went to B, A and C (A acknowledged it); an open SRP election holds B's approved
 * nomination and B's vote. Here each party gets a distinctive premises count, and B a User Role, so
 * that a leak shows as a value in the response text.
 */

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PREMISES = { A: 731_113, B_2018: 842_227, B_LATER: 853_339, C: 964_441, D: 586_667, P: 675_553 } as const;
const ASOF = '2024-01-01';
const NOMINATOR_OF_B = 'Chief Executive of B'; // seed.ts
const DECLINE_REASON = 'Mutation-results e2e: nominee lacks the security expertise required';

/** Every value under a response key (alias) anywhere in the tree. */
function valuesOf(tree: unknown, key: string): unknown[] {
  if (Array.isArray(tree)) return tree.flatMap((item) => valuesOf(item, key));
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

const codes = (result: GraphQLResult): string[] => (result.errors ?? []).map((e) => String(e.extensions?.code));
/** The errors' paths as text, e.g. "acknowledgeDocument.document.subject.leak". */
const errorPaths = (result: GraphQLResult): string[] =>
  (result.errors ?? []).map((e) => ((e as { path?: Array<string | number> }).path ?? []).join('.'));

describe('confidentiality of what mutations return, and of dated fields of another party (contract README §2)', () => {
  let system: RunningSystem;
  let population: Population;
  let parties: Population['parties'];
  let reportOfB = '';
  let electionId = '';
  let nominationOfB = '';
  const today = new Date().toISOString().slice(0, 10);
  const tokens: Record<string, string> = {};

  const call = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const result = await system.query<Data>(token, query, variables);
    if (result.errors) throw new Error(`${result.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}\n${query}`);
    return result.data!;
  };
  /** Every number and name another party holds that must never reach `caller` (a party key of the population). */
  const secretsFor = (caller: 'A' | 'B' | 'C' | 'P' | 'Q'): string[] => {
    const own: Record<string, string[]> = {
      A: [String(PREMISES.A)],
      B: [String(PREMISES.B_2018), String(PREMISES.B_LATER)],
      C: [String(PREMISES.C)],
      D: [String(PREMISES.D)],
      P: [String(PREMISES.P)],
    };
    return Object.entries(own)
      .filter(([key]) => key !== caller)
      .flatMap(([, values]) => values);
  };
  const expectNoSecrets = (result: GraphQLResult, caller: 'A' | 'B' | 'C' | 'P' | 'Q', extra: string[] = []): void => {
    const text = JSON.stringify(result.data ?? null);
    for (const secret of [...secretsFor(caller), ...extra]) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    system = await startSystem();
    population = await seedPopulation(system, apiSchemaOf(loadSupergraph()));
    expect(population.skipped).toEqual([]);
    parties = population.parties;
    tokens.admin = await system.token('SECAS_ADMIN');
    tokens.ssc = await system.token('SSC_MEMBER');
    for (const key of ['A', 'B', 'C', 'D', 'P'] as const) tokens[key] = await system.token('PARTY_USER', parties[key].id);
    reportOfB = population.documents.find((d) => d.subjectPartyId === parties.B.id && d.issuedBy === 'e2e-user_cio')!.id;
    electionId = population.elections[0]!;

    // Distinctive counts (the seed's are round numbers), and a User Role for provider B (an OTHER_USER
    // still votes, R-SSC-3), so that a leak of either shows in a response's text.
    const record = (partyId: string, count: number, effectiveFrom: string) =>
      call(tokens.admin!, 'mutation($p: ID!, $c: Int!, $e: Date!) { recordDomesticPremises(partyId: $p, count: $c, effectiveFrom: $e) { id } }', { p: partyId, c: count, e: effectiveFrom });
    await record(parties.A.id, PREMISES.A, '2018-01-01');
    await record(parties.B.id, PREMISES.B_2018, '2018-01-01');
    await record(parties.B.id, PREMISES.B_LATER, '2024-06-01');
    await record(parties.C.id, PREMISES.C, '2018-01-01');
    await record(parties.D.id, PREMISES.D, '2018-01-01');
    await record(parties.P.id, PREMISES.P, '2018-01-01');
    await call(tokens.admin!, 'mutation($p: ID!) { gainUserRole(partyId: $p, role: OTHER_USER, effectiveFrom: "2020-01-01") { id } }', { p: parties.B.id });

    const election = await call(tokens.admin!, 'query($id: ID!) { election(id: $id) { candidates { id nominatingPartyId } } }', { id: electionId });
    nominationOfB = election.election.candidates.find((c: { nominatingPartyId: string }) => c.nominatingPartyId === parties.B.id).id;
  }, 300_000);
  afterAll(async () => {
    await system?.stop();
  });

  describe('issueDocument by a party user about its own party (R-DIST-2, R-DIST-4)', () => {
    it("a provider's REMEDIATION_PROGRESS goes to its users too, but the returned document lists only the provider's own copy", async () => {
      const input = { subjectPartyId: parties.B.id, kind: 'REMEDIATION_PROGRESS', title: 'Remediation of B', content: 'B is fixing things.' };
      const result = await system.query<Data>(
        tokens.B!,
        `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
          id kind
          subject { id name domesticPremises }
          recipients { party { id name domesticPremises sharedResourceProviderFrom contactEmail } reason issuedInError }
        } }`,
        { input },
      );
      expect(result.errors).toBeUndefined();
      const doc = result.data!.issueDocument;
      expect(doc.subject).toEqual({ id: parties.B.id, name: parties.B.name, domesticPremises: PREMISES.B_LATER });
      expect(doc.recipients).toEqual([
        { party: { id: parties.B.id, name: parties.B.name, domesticPremises: PREMISES.B_LATER, sharedResourceProviderFrom: expect.any(String), contactEmail: null }, reason: 'SUBJECT', issuedInError: false },
      ]);
      // The users' copies exist (oversight sees them): the filter above hid them, they were not missing.
      const whole = await call(tokens.admin!, 'query($id: ID!) { document(id: $id) { recipients { party { id } } } }', { id: doc.id });
      expect(whole.document.recipients.map((r: { party: { id: string } }) => r.party.id).sort()).toEqual([parties.A.id, parties.B.id, parties.C.id].sort());
      // Nothing of the users B's document went to: not their names, not their premises.
      expectNoSecrets(result, 'B', [parties.A.name, parties.C.name]);
    });

    it("a user's MANAGEMENT_RESPONSE about itself: its own party in full, of its provider the id and name only", async () => {
      const input = { subjectPartyId: parties.A.id, kind: 'MANAGEMENT_RESPONSE', title: 'Response of A', content: 'A responds.' };
      const result = await system.query<Data>(
        tokens.A!,
        `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
          id
          subject { id name domesticPremises engagementsAsUser { provider { id name sharedResourceProviderFrom contactEmail documentsReceived { id } nextAssessment(asOf: "${ASOF}") { type } } } }
          recipients { party { id name domesticPremises } }
        } }`,
        { input },
      );
      // The provider's nextAssessment, designation day and address are refused, not nulls that would say it needs
      // none (R-PARTY-1), is no provider (R-SRP-2) or has no address.
      expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(errorPaths(result).sort()).toEqual(
        ['contactEmail', 'nextAssessment', 'sharedResourceProviderFrom'].map((f) => `issueDocument.subject.engagementsAsUser.0.provider.${f}`),
      );
      const doc = result.data!.issueDocument;
      expect(doc.subject).toEqual({
        id: parties.A.id,
        name: parties.A.name,
        domesticPremises: PREMISES.A,
        engagementsAsUser: [
          { provider: { id: parties.B.id, name: parties.B.name, sharedResourceProviderFrom: null, contactEmail: null, documentsReceived: [], nextAssessment: null } },
        ],
      });
      expect(doc.recipients).toEqual([{ party: { id: parties.A.id, name: parties.A.name, domesticPremises: PREMISES.A } }]);
      expectNoSecrets(result, 'A', [parties.C.name]);
    });

    it("the provider's premises asked for through the returned document's subject are refused, and the response holds none of them", async () => {
      const input = { subjectPartyId: parties.A.id, kind: 'REMEDIATION_COMPLETION', title: 'Remediation of A done', content: 'A is done.' };
      const result = await system.query<Data>(
        tokens.A!,
        `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id subject { id engagementsAsUser { provider { id leak: domesticPremises } } } } }`,
        { input },
      );
      expect(codes(result)).toContain('FORBIDDEN');
      expect(errorPaths(result)).toContain('issueDocument.subject.engagementsAsUser.0.provider.leak');
      expect(valuesOf(result.data, 'leak').filter((v) => v !== null)).toEqual([]);
      expectNoSecrets(result, 'A');
    });
  });

  describe("acknowledgeDocument of its copy of its provider's ASSESSMENT_REPORT (R-DIST-3, R-DIST-4)", () => {
    it("the returned copy's document shows the subject's id and name only and only the caller's own copy", async () => {
      const result = await system.query<Data>(
        tokens.C!,
        `mutation($id: ID!) { acknowledgeDocument(documentId: $id) {
          acknowledgedAt
          party { id name domesticPremises }
          document {
            id kind
            subject { id name sharedResourceProviderFrom contactEmail documentsReceived { id } nextAssessment { type } dated: nextAssessment(asOf: "${ASOF}") { type } }
            recipients { party { id name } reason acknowledgedAt }
          }
        } }`,
        { id: reportOfB },
      );
      expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(errorPaths(result).sort()).toEqual(
        ['contactEmail', 'dated', 'nextAssessment', 'sharedResourceProviderFrom'].map((f) => `acknowledgeDocument.document.subject.${f}`),
      );
      const copy = result.data!.acknowledgeDocument;
      expect(copy.acknowledgedAt).toEqual(expect.any(String));
      expect(copy.party).toEqual({ id: parties.C.id, name: parties.C.name, domesticPremises: PREMISES.C });
      expect(copy.document.subject).toEqual({
        id: parties.B.id,
        name: parties.B.name,
        sharedResourceProviderFrom: null,
        contactEmail: null,
        documentsReceived: [],
        nextAssessment: null,
        dated: null,
      });
      // B and A also hold copies (seed): C, a user of B, must not learn B's other customer.
      expect(copy.document.recipients).toEqual([{ party: { id: parties.C.id, name: parties.C.name }, reason: 'ENGAGED_ON_ISSUE_DATE', acknowledgedAt: copy.acknowledgedAt }]);
      const whole = await call(tokens.admin!, 'query($id: ID!) { document(id: $id) { recipients { party { id } } } }', { id: reportOfB });
      expect(whole.document.recipients).toHaveLength(3);
      expectNoSecrets(result, 'C', [parties.A.name]);
    });

    // Acknowledging again is idempotent, so each refused field is asked on its own: one refusal does not hide another.
    it.each([
      ['domesticPremises', 'leak: domesticPremises'],
      ['userRoles', 'leak: userRoles'],
      ['isSharedResourceProvider', 'leak: isSharedResourceProvider'],
      ['engagementsAsProvider', 'leak: engagementsAsProvider { id user { id name } }'],
      ['engagementsAsUser', 'leak: engagementsAsUser { id provider { id name } }'],
      ['assessments', 'leak: assessments { id assuranceStatus }'],
      ['userRoleHistory', 'leak: userRoleHistory { role heldFrom }'],
      ['domesticPremisesHistory', 'leak: domesticPremisesHistory { count effectiveFrom }'],
      ['sharedResources', 'leak: sharedResources { id name }'],
    ])("the subject's %s is refused (FORBIDDEN) and absent from the response", async (_name, selection) => {
      const result = await system.query<Data>(
        tokens.C!,
        `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { document { subject { id name ${selection} } recipients { party { id name } } } } }`,
        { id: reportOfB },
      );
      expect(codes(result)).toContain('FORBIDDEN');
      expect(errorPaths(result)).toContain('acknowledgeDocument.document.subject.leak');
      expect(valuesOf(result.data, 'leak').filter((v) => v !== null)).toEqual([]);
      expectNoSecrets(result, 'C', [parties.A.name, 'OTHER_USER', 'APPROVED', 'REJECTED']);
    });
  });

  describe('nominate and castVote by a party user of an eligible provider (R-SSC-2, R-SSC-3)', () => {
    let q: { id: string; name: string };
    let nominationOfQ = '';

    beforeAll(async () => {
      // Q: a third provider, available from before the election opened; its nominee is declined by the SSC.
      const name = `Mutation results Q ${population.run}`;
      const registered = await call(tokens.admin!, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', { input: { name, userRoles: [] } });
      q = { id: registered.registerParty.id, name };
      await call(tokens.admin!, 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }', {
        input: { name: `Hub of ${name}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: q.id, availableFrom: '2019-01-01' },
      });
      tokens.Q = await system.token('PARTY_USER', q.id);
      const nominated = await eventually(
        () =>
          call(tokens.Q!, 'mutation($input: NominationInput!) { nominate(input: $input) { id } }', {
            input: {
              electionId,
              nomineeName: `Nominee of Q ${population.run}`,
              nominatingPartyId: q.id,
              nominatorName: 'Chief Executive of Q',
              nominatorHoldsSeniorPosition: true,
              securityExpertiseConfirmed: true,
              bs7858ScreeningCompleted: true,
            },
          }),
        90_000,
      );
      nominationOfQ = nominated.nominate.id;
      await call(tokens.ssc!, 'mutation($n: ID!, $r: String!) { declineNomination(nominationId: $n, reason: $r) { id } }', { n: nominationOfQ, r: DECLINE_REASON });
    }, 120_000);

    it("nominate returns the caller's own nomination in full, nominator included", async () => {
      const result = await system.query<Data>(
        tokens.P!,
        'mutation($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId nominatorName approvedBySsc declinedBySsc declineReason electionId } }',
        {
          input: {
            electionId,
            nomineeName: `Nominee of P ${population.run}`,
            nominatingPartyId: parties.P.id,
            nominatorName: 'Chief Executive of P',
            nominatorHoldsSeniorPosition: true,
            securityExpertiseConfirmed: true,
            bs7858ScreeningCompleted: true,
          },
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.nominate).toMatchObject({
        nominatingPartyId: parties.P.id,
        nominatorName: 'Chief Executive of P',
        approvedBySsc: false,
        declinedBySsc: false,
        declineReason: null,
        electionId,
      });
      expectNoSecrets(result, 'P', [NOMINATOR_OF_B, DECLINE_REASON]);
    });

    it("castVote returns the election: candidates and their organisations (open to every caller), no running tally, no other party's nominator or decline reason", async () => {
      const result = await system.query<Data>(
        tokens.P!,
        `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) {
          id state outcome closedOn
          candidates { id nomineeName nominatingPartyId approvedBySsc declinedBySsc declineReason }
          declinedNominations { id nominatingPartyId declinedBySsc declineReason }
          winner { id }
          tally { nomination { id } votes }
        } }`,
        { e: electionId, n: nominationOfB, v: parties.P.id },
      );
      expect(result.errors).toBeUndefined();
      const election = result.data!.castVote;
      expect(election).toMatchObject({ id: electionId, state: 'OPEN', outcome: null, closedOn: null, winner: null });
      // Ballots are secret: while the election is open there are no counts, B's vote and P's included.
      expect(election.tally).toBeNull();
      // Nominations, with the nominating party's id, are open to every authenticated caller (readElection).
      expect(election.candidates).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: nominationOfB, nominatingPartyId: parties.B.id, approvedBySsc: true, declineReason: null })]),
      );
      // Why the SSC declined Q's nominee is Q's and oversight's, not P's.
      expect(election.declinedNominations).toEqual([{ id: nominationOfQ, nominatingPartyId: q.id, declinedBySsc: true, declineReason: null }]);
      expectNoSecrets(result, 'P', [NOMINATOR_OF_B, 'Chief Executive of Q', DECLINE_REASON]);
    });

    it("castVote's returned election refuses another party's nominatorName (FORBIDDEN) and shows the caller's own decline reason", async () => {
      const own = await system.query<Data>(
        tokens.Q!,
        `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) {
          tally { votes } declinedNominations { id nominatorName declineReason } candidates { id leak: nominatorName }
        } }`,
        { e: electionId, n: nominationOfB, v: q.id },
      );
      expect(codes(own)).toContain('FORBIDDEN');
      expect(errorPaths(own).some((p) => /^castVote\.candidates\.\d+\.leak$/.test(p))).toBe(true);
      expect(valuesOf(own.data, 'leak').filter((v) => v !== null)).toEqual([]);
      expectNoSecrets(own, 'Q', [NOMINATOR_OF_B, 'Chief Executive of P']);
      // The vote itself stands (a refused read of the answer does not undo it), and Q reads its own decline reason.
      const read = await call(tokens.Q!, 'query($id: ID!) { election(id: $id) { declinedNominations { id nominatorName declineReason } tally { votes } } }', { id: electionId });
      expect(read.election).toEqual({ declinedNominations: [{ id: nominationOfQ, nominatorName: 'Chief Executive of Q', declineReason: DECLINE_REASON }], tally: null });
      const again = await system.query(tokens.Q!, 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }', {
        e: electionId,
        n: nominationOfB,
        v: q.id,
      });
      expect(codes(again)).toEqual(['ALREADY_VOTED']);
    });

    it('a party user votes for its own party only: voting as another provider is FORBIDDEN', async () => {
      const result = await system.query(tokens.A!, 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id tally { votes } } }', {
        e: electionId,
        n: nominationOfB,
        v: parties.B.id,
      });
      expect(result.data ?? null).toBeNull();
      expect(codes(result)).toEqual(['FORBIDDEN']);
    });
  });

  describe("dated arguments on another party reached through the graph (PARTY_USER of A; B is A's provider)", () => {
    // Each field of B that takes a date, with and without it: each refused with FORBIDDEN (nextAssessment too: its
    // null would say B needs no assessment).
    const FIELDS: Array<{ name: string; selection: string }> = [
      { name: 'userRoles(asOf)', selection: `leak: userRoles(asOf: "${ASOF}")` },
      { name: 'isSharedResourceProvider(asOf)', selection: `leak: isSharedResourceProvider(asOf: "${ASOF}")` },
      { name: 'domesticPremises(asOf)', selection: `leak: domesticPremises(asOf: "${ASOF}")` },
      { name: 'domesticPremises(asOf, asKnownOn)', selection: `leak: domesticPremises(asOf: "${ASOF}", asKnownOn: "TODAY")` },
      { name: 'domesticPremises(asKnownOn)', selection: 'leak: domesticPremises(asKnownOn: "TODAY")' },
      { name: 'nextAssessment(asOf)', selection: `leak: nextAssessment(asOf: "${ASOF}") { type ruleSet premisesUsed explanation }` },
      { name: 'nextAssessment(asOf, asKnownOn)', selection: `leak: nextAssessment(asOf: "${ASOF}", asKnownOn: "TODAY") { type premisesUsed }` },
    ];
    // Paths from the caller to B: its engagement's provider, the engaged resource's provider, a document's subject (query and mutation).
    const PATHS: Array<{ name: string; operation: (field: string) => string; path: RegExp; variables: () => Record<string, unknown> }> = [
      {
        name: 'party.engagementsAsUser.provider',
        operation: (f) => `query($id: ID!) { party(id: $id) { id engagementsAsUser { provider { id name ${f} } } } }`,
        path: /^party\.engagementsAsUser\.\d+\.provider\.leak$/,
        variables: () => ({ id: parties.A.id }),
      },
      {
        name: 'party.engagementsAsUser.sharedResource.provider',
        operation: (f) => `query($id: ID!) { party(id: $id) { id engagementsAsUser { sharedResource { provider { id name ${f} } } } } }`,
        path: /^party\.engagementsAsUser\.\d+\.sharedResource\.provider\.leak$/,
        variables: () => ({ id: parties.A.id }),
      },
      {
        name: 'document.subject',
        operation: (f) => `query($id: ID!) { document(id: $id) { id subject { id name ${f} } } }`,
        path: /^document\.subject\.leak$/,
        variables: () => ({ id: reportOfB }),
      },
      {
        name: 'acknowledgeDocument.document.subject',
        operation: (f) => `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { document { subject { id name ${f} } } } }`,
        path: /^acknowledgeDocument\.document\.subject\.leak$/,
        variables: () => ({ id: reportOfB }),
      },
    ];
    const cases = PATHS.flatMap((p) => FIELDS.map((f) => [`${p.name}.${f.name}`, p, f] as const));

    it.each(cases)('%s: refused to the user, and no value of B in the response', async (_label, path, field) => {
      const operation = path.operation(field.selection.replace(/TODAY/g, today));
      const result = await system.query<Data>(tokens.A!, operation, path.variables());
      expect(codes(result)).toContain('FORBIDDEN');
      expect(errorPaths(result).some((p) => path.path.test(p))).toBe(true);
      expect(valuesOf(result.data, 'leak').filter((v) => v !== null)).toEqual([]);
      expectNoSecrets(result, 'A', ['OTHER_USER', parties.C.name]);

      // Control: oversight reads the same path and gets a value, so the refusal above is the policy's, not an absence.
      // (acknowledgeDocument is a party user's only: the same subject is read through document(id) above.)
      if (!path.name.startsWith('acknowledgeDocument')) {
        const asAdmin = await system.query<Data>(tokens.admin!, operation, path.variables());
        expect(asAdmin.errors).toBeUndefined();
        expect(valuesOf(asAdmin.data, 'leak').some((v) => v !== null)).toBe(true);
      }
    });

    it("oversight's control values: B's premises as of 2024-01-01 are the 2018 count, today the 2024 one, and B held OTHER_USER", async () => {
      const data = await call(
        tokens.admin!,
        `query($id: ID!) { party(id: $id) { premises2024: domesticPremises(asOf: "${ASOF}") premisesToday: domesticPremises roles: userRoles(asOf: "${ASOF}") srp: isSharedResourceProvider(asOf: "${ASOF}") } }`,
        { id: parties.B.id },
      );
      expect(data.party).toEqual({ premises2024: PREMISES.B_2018, premisesToday: PREMISES.B_LATER, roles: ['OTHER_USER'], srp: true });
    });
  });
});
