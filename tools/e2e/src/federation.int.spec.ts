import { eventually, startSystem, type RunningSystem } from './system';

// The foundation's promise: Party is federated across subgraphs, and an event published by
// party-registry reaches assessment-scheduling through Kafka and shows through the gateway.
describe('federation through the gateway', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('R-MATRIX-1: a party registered in party-registry gets its next assessment from assessment-scheduling', async () => {
    const admin = await system.token('SECAS_ADMIN');
    const registered = await system.query<{ registerParty: { id: string; name: string } }>(
      admin,
      `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles domesticPremises } }`,
      { input: { name: `Federated Supplier ${Date.now()}`, userRoles: ['IMPORT_SUPPLIER'], rolesEffectiveFrom: '2024-01-01', domesticPremises: 300000, premisesEffectiveFrom: '2024-01-01' } },
    );
    expect(registered.errors).toBeUndefined();
    const id = registered.data!.registerParty.id;

    const overview = await eventually(async () => {
      const result = await system.query<{ party: { id: string; name: string; domesticPremises: number; nextAssessment: { type: string; ruleSet: string; premisesUsed: number } } }>(
        admin,
        `query($id: ID!) { party(id: $id) { id name domesticPremises(asOf: "2025-01-01") nextAssessment(asOf: "2025-01-01") { type ruleSet premisesUsed } } }`,
        { id },
      );
      return result.errors ? undefined : result.data;
    });
    expect(overview.party).toMatchObject({
      id,
      domesticPremises: 300000,
      nextAssessment: { type: 'FULL', ruleSet: 'SECMP0044', premisesUsed: 300000 },
    });
  });

  it('answers from projections that have seen a change confirmed just before (read-your-writes)', async () => {
    const admin = await system.token('SECAS_ADMIN');
    for (let i = 0; i < 5; i++) {
      const registered = await system.query<{ registerParty: { id: string } }>(
        admin,
        `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`,
        { input: { name: `Immediate Supplier ${i} ${Date.now()}`, userRoles: ['GAS_SUPPLIER'], rolesEffectiveFrom: '2020-01-01', domesticPremises: 1000, premisesEffectiveFrom: '2020-01-01' } },
      );
      const id = registered.data!.registerParty.id;
      // No waiting: the next request must already see the party in assessment-scheduling.
      const result = await system.query<{ party: { nextAssessment: { type: string; premisesUsed: number } } }>(
        admin,
        `query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2024-06-01") { type premisesUsed } } }`,
        { id },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.party.nextAssessment).toEqual({ type: 'FULL', premisesUsed: 1000 });
    }
  });

  it('a federated query\'s later subgraph calls carry the topics\' ends the gateway read: a caught-up subgraph answers without a check of its own', async () => {
    const admin = await system.token('SECAS_ADMIN');
    const read = `{ parties(first: 3) { id nextAssessment(asOf: "2024-06-01") { type } } }`;
    const checks = async (): Promise<number> => {
      const text = await (await fetch(system.services['assessment-scheduling']!.url.replace(/\/graphql$/, '/metrics'))).text();
      return [...text.matchAll(/^projection_catch_up_waits_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    // Once, so that the gateway's broker connection is up.
    expect((await system.query(admin, read)).errors).toBeUndefined();
    const before = await checks();
    for (let i = 0; i < 5; i++) expect((await system.query(admin, read)).errors).toBeUndefined();
    // Without the ends, each of the five would have asked the broker (one check each).
    expect((await checks()) - before).toBeLessThan(5);
  });

  it('refuses a request without a token with UNAUTHENTICATED', async () => {
    const result = await system.query(null, '{ parties { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a subgraph request that did not come through the gateway', async () => {
    const response = await fetch(system.services['party-registry']!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ parties { id name } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
