import { ADMIN, CIO, SSC, partyUser, startTestRegistry, type TestRegistry } from '../testing/registry-harness';

// Contract README §2 (deny by default) and schema.graphql: a party's register details (contact
// address, User Roles and their history, Shared Resource Provider designation, premises, resources)
// are "own party or oversight". The User CIO looks parties up (id and name) to do its job (complete
// fieldwork, issue ASSESSMENT_REPORT documents) and reads nothing else of a party here, whatever the path.

type Caller = Parameters<TestRegistry['gql']>[0];

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const CONTACT = `mutation($id: ID!, $email: String) { setPartyContactEmail(partyId: $id, email: $email) { id } }`;
const GAIN = `mutation($id: ID!, $role: UserRole!, $on: Date!) { gainUserRole(partyId: $id, role: $role, effectiveFrom: $on) { id } }`;
const RESOURCE = `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`;
const ENGAGE = `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`;

/** Each "own party or oversight" field of schema.graphql, and the other register details, one query each. */
const DETAILS: Record<string, string> = {
  contactEmail: 'contactEmail',
  userRoleHistory: 'userRoleHistory { role heldFrom givenUpOn }',
  sharedResourceProviderFrom: 'sharedResourceProviderFrom',
  'userRoles(asOf)': 'userRoles(asOf: "2024-01-01")',
  'isSharedResourceProvider(asOf)': 'isSharedResourceProvider(asOf: "2024-01-01")',
  userRoles: 'userRoles',
  isSharedResourceProvider: 'isSharedResourceProvider',
  domesticPremises: 'domesticPremises',
  domesticPremisesHistory: 'domesticPremisesHistory { count effectiveFrom }',
  sharedResources: 'sharedResources { id name }',
  registeredAt: 'registeredAt',
};
const EMAIL = 'security@provider-reads.example';

describe('party-registry: who reads a party beyond its id and name (contract README §2, schema.graphql "own party or oversight")', () => {
  let registry: TestRegistry;
  let provider: string;
  let user: string;
  let resource: string;

  async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await registry.gql<T>(ADMIN, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }
  /** The field as the caller reads it through Query.party and through the gateway's _entities: its value, or `refused: <code>`. */
  async function read(caller: Caller, partyId: string, selection: string): Promise<{ root: unknown; entities: unknown }> {
    const viaRoot = await registry.gql<{ party: Record<string, unknown> | null }>(caller, `query($id: ID!) { party(id: $id) { id ${selection} } }`, { id: partyId });
    const viaEntities = await registry.entities<Record<string, unknown>>(caller, 'Party', `id ${selection}`, [{ __typename: 'Party', id: partyId }]);
    const outcome = (errors: Array<{ code?: string }> | undefined, value: Record<string, unknown> | null | undefined): unknown => {
      if (errors?.length) return `refused: ${errors[0]!.code}`;
      const key = Object.keys(value ?? {}).find((k) => k !== 'id');
      return key === undefined ? value : value![key];
    };
    return { root: outcome(viaRoot.errors, viaRoot.data?.party), entities: outcome(viaEntities.errors, viaEntities.data?._entities[0]) };
  }

  beforeAll(async () => {
    registry = await startTestRegistry();
    const party = async (name: string, userRoles: string[]): Promise<string> =>
      (await ok<{ registerParty: { id: string } }>(REGISTER, {
        input: { name: `${name} ${Date.now()}`, userRoles, domesticPremises: 1000, premisesEffectiveFrom: '2020-01-01', rolesEffectiveFrom: '2020-01-01' },
      })).registerParty.id;
    provider = await party('Reads Provider', ['OTHER_USER']);
    user = await party('Reads User', ['IMPORT_SUPPLIER']);
    await ok(CONTACT, { id: provider, email: EMAIL });
    await ok(GAIN, { id: provider, role: 'GAS_SUPPLIER', on: '2023-01-01' });
    resource = (await ok<{ registerSharedResource: { id: string } }>(RESOURCE, {
      input: { name: `Reads Hosting ${Date.now()}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2021-01-01' },
    })).registerSharedResource.id;
    await ok(ENGAGE, { input: { userPartyId: user, sharedResourceId: resource, startDate: '2022-01-10' } });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('contract README §2: oversight and the party\'s own PARTY_USER read every register detail of the party', async () => {
    for (const caller of [ADMIN, SSC, partyUser(provider)]) {
      for (const [field, selection] of Object.entries(DETAILS)) {
        const seen = await read(caller, provider, selection);
        expect([field, seen.root]).not.toEqual([field, expect.stringMatching(/^refused: /)]);
        expect([field, seen.root]).not.toEqual([field, null]);
        expect([field, seen.entities]).toEqual([field, seen.root]);
      }
      expect((await read(caller, provider, 'contactEmail')).root).toBe(EMAIL);
    }
  });

  it('contract README §2, schema.graphql: USER_CIO reads no register detail of any party (FORBIDDEN, also where null would mean "no address" or "not a provider"), by any path', async () => {
    for (const [field, selection] of Object.entries(DETAILS)) {
      const seen = await read(CIO, provider, selection);
      expect([field, seen]).toEqual([field, { root: 'refused: FORBIDDEN', entities: 'refused: FORBIDDEN' }]);
    }
    // The audit's query: every party's contact address and role history, as USER_CIO.
    const all = await registry.gql(CIO, '{ parties(first: 500) { id contactEmail userRoleHistory { role } } }');
    expect(all.errors?.[0]?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(all)).not.toContain(EMAIL);
    const emails = await registry.gql<{ parties: Array<{ id: string; contactEmail: string | null }> }>(CIO, '{ parties(first: 500) { id contactEmail } }');
    expect(emails.errors?.[0]?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(emails)).not.toContain(EMAIL);
  });

  it('contract README §2: USER_CIO still finds every party by id, list and name (id and name only), for its assessments', async () => {
    const byId = await registry.gql<{ party: unknown }>(CIO, 'query($id: ID!) { party(id: $id) { id name } }', { id: provider });
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.party).toEqual({ id: provider, name: expect.stringContaining('Reads Provider') });
    const listed = await registry.gql<{ parties: Array<{ id: string }> }>(CIO, '{ parties(first: 500) { id name } }');
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.parties.map((p) => p.id)).toEqual(expect.arrayContaining([provider, user]));
  });

  it('contract README §2: a PARTY_USER of another party (the provider\'s User) reads the provider\'s id and name only', async () => {
    for (const [field, selection] of Object.entries(DETAILS)) {
      const seen = await read(partyUser(user), provider, selection);
      expect([field, seen]).toEqual([field, { root: 'refused: FORBIDDEN', entities: 'refused: FORBIDDEN' }]);
    }
    const named = await registry.entities(partyUser(user), 'Party', 'id name', [{ __typename: 'Party', id: provider }]);
    expect(named.data!._entities[0]).toEqual({ id: provider, name: expect.stringContaining('Reads Provider') });
  });

  it("Query.sharedResource: oversight and the provider's own PARTY_USER; the provider's Users and USER_CIO are FORBIDDEN", async () => {
    const QUERY = 'query($id: ID!) { sharedResource(id: $id) { id provider { id } } }';
    for (const caller of [ADMIN, SSC, partyUser(provider)]) {
      const seen = await registry.gql<{ sharedResource: unknown }>(caller, QUERY, { id: resource });
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.sharedResource).toEqual({ id: resource, provider: { id: provider } });
    }
    for (const caller of [partyUser(user), CIO]) {
      expect((await registry.gql(caller, QUERY, { id: resource })).errors?.[0]?.code).toBe('FORBIDDEN');
    }
  });
});
