import { randomBytes } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import type { RunningGateway } from '../../../apps/gateway/src/server';
import { startSystem, type RunningSystem } from './system';

// The gateway keeps clean answers of a caller's queries and gives them again while the topics'
// ends, the London day and its own writes say nothing changed (apps/gateway/src/kept-answers.ts).
// What a client must never see is an answer older than a change it was told of: here through the
// same gateway and through a second gateway in front of the same subgraphs.

const READ = 'query ($id: ID!) { party(id: $id) { id name domesticPremises nextAssessment { type category } } }';
const RECORD = 'mutation ($id: ID!, $count: Int!, $on: Date!) { recordDomesticPremises(partyId: $id, count: $count, effectiveFrom: $on) { id } }';

interface PartyRead {
  party: { id: string; name: string; domesticPremises: number; nextAssessment: { type: string; category: string } | null } | null;
}

describe('answers kept by the gateway stay exact', () => {
  let system: RunningSystem;
  let second: RunningGateway;
  let admin: string;
  let partyId: string;
  let other: string;

  const keptCount = async (url: string): Promise<number> => {
    const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((l) => l.startsWith('gateway_answers_without_pipeline_total{path="kept"'));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  const postTo = async <T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: Array<{ extensions?: { code?: string } }> }> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: T };
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    second = await system.anotherGateway();
    admin = await system.token('SECAS_ADMIN');
    const register = async (name: string): Promise<string> => {
      const registered = await system.query<{ registerParty: { id: string } }>(admin, 'mutation ($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
        input: { name, userRoles: ['GAS_SUPPLIER'], domesticPremises: 10, premisesEffectiveFrom: '2020-01-01' },
      });
      expect(registered.errors).toBeUndefined();
      return registered.data!.registerParty.id;
    };
    partyId = await register(`Kept ${randomBytes(4).toString('hex')}`);
    other = await register(`Kept other ${randomBytes(4).toString('hex')}`);
  }, 120_000);

  afterAll(async () => {
    await second?.stop();
    await system?.stop();
  }, 60_000);

  it('keeps a query\'s answer from its second time and gives it again, while nothing changed', async () => {
    const before = await keptCount(system.gatewayUrl);
    const first = await system.query<PartyRead>(admin, READ, { id: partyId });
    const second = await system.query<PartyRead>(admin, READ, { id: partyId });
    expect(await keptCount(system.gatewayUrl)).toBe(before);
    const third = await system.query<PartyRead>(admin, READ, { id: partyId });
    expect(first.errors).toBeUndefined();
    expect([second, third]).toEqual([first, first]);
    expect(await keptCount(system.gatewayUrl)).toBe(before + 1);
  });

  it('R-PREM-2: a change made through the same gateway is read at once', async () => {
    for (let i = 0; i < 3; i++) await system.query<PartyRead>(admin, READ, { id: partyId });
    const recorded = await system.query(admin, RECORD, { id: partyId, count: 11, on: '2024-01-01' });
    expect(recorded.errors).toBeUndefined();
    const read = await system.query<PartyRead>(admin, READ, { id: partyId });
    expect(read.data!.party!.domesticPremises).toBe(11);
  });

  it('R-PREM-2: a change made through another gateway is read at once once it was answered (the topics\' ends moved)', async () => {
    for (let i = 0; i < 3; i++) await system.query<PartyRead>(admin, READ, { id: partyId });
    const recorded = await postTo(second.url, admin, RECORD, { id: partyId, count: 300_000, on: '2025-01-01' });
    expect(recorded.errors).toBeUndefined();
    const read = await system.query<PartyRead>(admin, READ, { id: partyId });
    expect(read.data!.party!.domesticPremises).toBe(300_000);
    // The other subgraph's view too: its projection holds the ends the gateway read.
    expect(read.data!.party!.nextAssessment).toEqual(expect.objectContaining({ category: 'SUPPLIER' }));
  });

  it('never gives one caller\'s kept answer to another caller (a PARTY_USER of another party sees the id and name only)', async () => {
    for (let i = 0; i < 3; i++) await system.query<PartyRead>(admin, READ, { id: partyId });
    const outsider = await system.token('PARTY_USER', other);
    const read = await system.query<PartyRead>(outsider, READ, { id: partyId });
    expect(read.data?.party?.domesticPremises ?? null).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps no export stamped with the instant it was made', async () => {
    const before = await keptCount(system.gatewayUrl);
    const query = '{ sscSeats { kind } }';
    for (let i = 0; i < 3; i++) await system.query(admin, query);
    const kept = await keptCount(system.gatewayUrl);
    expect(kept).toBe(before + 1);
    for (let i = 0; i < 3; i++) await system.query(admin, '{ registerExport(format: CSV) { fileName } }');
    expect(await keptCount(system.gatewayUrl)).toBe(kept);
  });

  it('keeps pure rules (requiredAssessment) by their arguments and the day, without reading the topics', async () => {
    const query = 'query($input: RequirementInput!) { requiredAssessment(input: $input) { type ruleSet } }';
    const input = { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 300_001, annualAssessmentsSinceLastFull: 1 };
    const before = await keptCount(system.gatewayUrl);
    type Required = { requiredAssessment: { type: string } };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await system.query<Required>(admin, query, { input }));
    expect(answers[2]).toEqual(answers[0]);
    expect(await keptCount(system.gatewayUrl)).toBe(before + 1);
    const other = await system.query<Required>(admin, query, { input: { ...input, domesticPremises: 1000 } });
    expect(other.data!.requiredAssessment.type).not.toBe(answers[0]!.data!.requiredAssessment.type);
  });
});
