import { randomBytes } from 'node:crypto';
import type { Caller } from '@sec-assure/auth';
import { buildEvent, type EventData, type EventEnvelope, type EventType } from '@sec-assure/events';
import { startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { reportDistributionService } from '../app';
import { projectForDistribution } from '../events/projection.handler';
import { runEngagementStartRound, startEngagementStartRounds } from './engagement-start-round';
import { registeredParty, startedEngagement } from '../testing/register-events';

// R-DIST-5 with R-DIST-4 and R-SRP-7, on a real PostgreSQL: a user engaged from a future date
// receives the provider's current documents on its start date (the Europe/London day), by the
// engagement-start round, never before; what it receives and publishes is what a user engaged from
// a date already past receives when its engagement is learned.

interface Doc {
  id: string;
  recipients: Array<{ party: { id: string }; reason: string }>;
}
interface Added {
  type: string;
  key: string;
  headers: Record<string, string>;
  payload: { data: Record<string, unknown> };
}

const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id recipients { party { id } reason } } }`;
const READ = `query($id: ID!) { document(id: $id) { id recipients { party { id } reason } } }`;
const RECEIVED = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id documentsReceived { id kind } } } }`;

describe('R-DIST-5, R-DIST-4: the engagement-start round', () => {
  const run = `rd_start_${randomBytes(4).toString('hex')}`;
  // The service's clock, moved by the test (an instant: the round reads its Europe/London day).
  let now = new Date('2026-06-05T12:00:00Z');
  const clock = (): Date => now;
  const at = (instant: string): void => {
    now = new Date(instant);
  };
  let service: SubgraphHarness;

  const admin: Caller = { sub: 'admin', roles: ['SECAS_ADMIN'], partyId: null };
  const cio: Caller = { sub: 'cio-1', roles: ['USER_CIO'], partyId: null };
  const partyUser = (partyId: string): Caller => ({ sub: `user-of-${partyId}`, roles: ['PARTY_USER'], partyId });

  const party = (name: string, isSharedResourceProvider = false) => registeredParty(name, run, isSharedResourceProvider);
  const engagement = startedEngagement;
  const publish = <T extends EventType>(type: T, data: EventData<T>): Promise<string> => service.publish(type, data);
  /** As the Kafka consumer applies an event that carries a correlation id (the harness delivers none). */
  const consume = async <T extends EventType>(type: T, data: EventData<T>, correlationId: string): Promise<void> => {
    const event = buildEvent(type, data) as EventEnvelope<EventType>;
    await service.dataSource.transaction((manager) =>
      projectForDistribution(clock)(event as never, { manager, correlationId, logger: service.logger, topic: 'sec.party-registry.v1' as never, partition: 0, offset: '0' }),
    );
  };
  const issue = async (caller: Caller, subjectPartyId: string, kind: string): Promise<Doc> => {
    const result = await service.gql<{ issueDocument: Doc }>(caller, ISSUE, { input: { subjectPartyId, kind, title: `${kind} ${now.toISOString()}`, content: `About ${subjectPartyId}` } });
    expect(result.errors).toBeUndefined();
    return result.data!.issueDocument;
  };
  const received = async (partyId: string): Promise<Array<{ id: string; kind: string }>> => {
    const result = await service.gql<{ _entities: Array<{ documentsReceived: Array<{ id: string; kind: string }> }> }>(partyUser(partyId), RECEIVED, {
      r: [{ __typename: 'Party', id: partyId }],
    });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0]!.documentsReceived;
  };
  const copiesOf = async (partyId: string): Promise<Array<{ document_id: string; reason: string; engagement_id: string | null }>> =>
    service.dataSource.query('SELECT document_id::text, reason, engagement_id FROM document_recipient WHERE party_id = $1 ORDER BY document_id', [partyId]);
  const addedFor = async (partyId: string): Promise<Added[]> =>
    ((await service.outbox(`type = 'DocumentRecipientAdded'`)) as Added[]).filter((m) => m.payload.data.partyId === partyId);
  const pending = async (engagementId: string): Promise<number> =>
    ((await service.dataSource.query('SELECT 1 FROM engagement_copies_pending WHERE engagement_id = $1', [engagementId])) as unknown[]).length;
  const round = () => runEngagementStartRound(service.dataSource, now);

  beforeAll(async () => {
    service = await startSubgraphHarness('report-distribution', reportDistributionService({ clock }), { now: clock });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('R-DIST-5, R-DIST-4: engaged on 2026-06-10 from 2026-07-01, a user receives on its start date the report issued 2026-06-20, and nothing before', async () => {
    const provider = party('Provider', true);
    const user = party('Future user');
    const control = party('Same-day user');
    for (const p of [provider, user, control]) await publish('PartyRegistered', p);

    at('2026-06-05T12:00:00Z');
    const superseded = await issue(cio, provider.partyId, 'ASSESSMENT_REPORT');

    // Recorded ahead of its start: the user is not yet the provider's user, so it receives nothing,
    // not even the report already current (R-DIST-4).
    at('2026-06-10T12:00:00Z');
    const e = engagement(user.partyId, provider.partyId, '2026-07-01');
    await consume('EngagementStarted', e, 'corr-engagement-recorded');
    expect(await copiesOf(user.partyId)).toEqual([]);
    expect(await addedFor(user.partyId)).toEqual([]);
    expect((await service.gql<{ document: Doc | null }>(partyUser(user.partyId), READ, { id: superseded.id })).data?.document ?? null).toBeNull();
    expect(await pending(e.engagementId)).toBe(1);

    // R-DIST-2: issued before the start: the provider alone receives it.
    at('2026-06-20T12:00:00Z');
    const report = await issue(cio, provider.partyId, 'ASSESSMENT_REPORT');
    expect(report.recipients.map((r) => r.party.id)).toEqual([provider.partyId]);
    at('2026-06-25T12:00:00Z');
    const response = await issue(partyUser(provider.partyId), provider.partyId, 'MANAGEMENT_RESPONSE');

    // 22:59 UTC on 30 June is 23:59 in London: still the day before the start.
    at('2026-06-30T22:59:00Z');
    expect(await round()).toEqual({ engagements: 0, copies: 0 });
    expect(await received(user.partyId)).toEqual([]);
    expect(await pending(e.engagementId)).toBe(1);

    // 23:00 UTC on 30 June is midnight in London: 1 July, the start date.
    at('2026-06-30T23:00:00Z');
    expect(await round()).toEqual({ engagements: 1, copies: 2 });
    expect(await copiesOf(user.partyId)).toEqual(
      [
        { document_id: report.id, reason: 'NEWLY_ENGAGED', engagement_id: e.engagementId },
        { document_id: response.id, reason: 'NEWLY_ENGAGED', engagement_id: e.engagementId },
      ].sort((a, b) => a.document_id.localeCompare(b.document_id)),
    );
    expect((await received(user.partyId)).map((d) => d.kind).sort()).toEqual(['ASSESSMENT_REPORT', 'MANAGEMENT_RESPONSE']);
    const own = (await service.gql<{ document: Doc | null }>(partyUser(user.partyId), READ, { id: report.id })).data?.document;
    expect(own?.recipients).toEqual([{ party: { id: user.partyId }, reason: 'NEWLY_ENGAGED' }]);
    expect(await pending(e.engagementId)).toBe(0);

    // Published through the outbox (after the round's commit), with the engagement's correlation id.
    const added = await addedFor(user.partyId);
    expect(added.map((m) => m.payload.data.documentId).sort()).toEqual([report.id, response.id].sort());
    for (const m of added) {
      expect(m.headers['correlation-id']).toBe('corr-engagement-recorded');
      expect(m.payload.data).toMatchObject({ partyId: user.partyId, subjectPartyId: provider.partyId, reason: 'NEWLY_ENGAGED', engagementId: e.engagementId, addedAt: now.toISOString() });
    }

    // The same copies and events as a user engaged from that day whose engagement is learned on it.
    const sameDay = engagement(control.partyId, provider.partyId, '2026-07-01');
    await publish('EngagementStarted', sameDay);
    expect((await copiesOf(control.partyId)).map((c) => [c.document_id, c.reason])).toEqual((await copiesOf(user.partyId)).map((c) => [c.document_id, c.reason]));
    const shape = (messages: Added[]) =>
      messages
        .map((m): Record<string, unknown> => ({ ...m.payload.data, partyId: 'USER', engagementId: 'ENGAGEMENT' }))
        .sort((a, b) => String(a.documentId).localeCompare(String(b.documentId)));
    expect(shape(await addedFor(control.partyId))).toEqual(shape(added));
    expect(await pending(sameDay.engagementId)).toBe(0);
  });

  it('R-DIST-5: a round run again, or two at once, gives nothing twice; a round after the start date still delivers', async () => {
    const provider = party('Provider twice', true);
    const user = party('User twice');
    for (const p of [provider, user]) await publish('PartyRegistered', p);
    at('2026-08-03T12:00:00Z');
    const report = await issue(cio, provider.partyId, 'ASSESSMENT_REPORT');
    const e = engagement(user.partyId, provider.partyId, '2026-08-10');
    await publish('EngagementStarted', e);

    // The service was down on the start date: the first round after it delivers.
    at('2026-08-12T09:00:00Z');
    const [a, b] = await Promise.all([round(), round()]);
    expect({ engagements: a.engagements + b.engagements, copies: a.copies + b.copies }).toEqual({ engagements: 1, copies: 1 });
    expect(await round()).toEqual({ engagements: 0, copies: 0 });
    expect(await copiesOf(user.partyId)).toEqual([{ document_id: report.id, reason: 'NEWLY_ENGAGED', engagement_id: e.engagementId }]);
    expect((await addedFor(user.partyId)).map((m) => m.payload.data.documentId)).toEqual([report.id]);
  });

  it('R-DIST-4: an engagement that ended before its start receives nothing, on its start date or later', async () => {
    const provider = party('Provider never', true);
    const user = party('User never');
    for (const p of [provider, user]) await publish('PartyRegistered', p);
    at('2026-09-01T12:00:00Z');
    await issue(cio, provider.partyId, 'ASSESSMENT_REPORT');
    const e = engagement(user.partyId, provider.partyId, '2026-09-20');
    await publish('EngagementStarted', e);
    await publish('EngagementEnded', { ...e, endDate: '2026-09-15' });

    at('2026-09-20T12:00:00Z');
    await round();
    at('2026-10-01T12:00:00Z');
    await round();
    expect(await copiesOf(user.partyId)).toEqual([]);
    expect(await addedFor(user.partyId)).toEqual([]);
    expect(await pending(e.engagementId)).toBe(0);
    // Nor does an issue about the provider count it among its users (and the issue is not refused).
    const later = await issue(cio, provider.partyId, 'ASSESSMENT_REPORT');
    expect(later.recipients.map((r) => r.party.id)).toEqual([provider.partyId]);
  });

  it('R-DIST-5: a provider designated after its user was engaged from a future date: its user still waits for the start date', async () => {
    const provider = party('Provider later');
    const user = party('User of later provider');
    for (const p of [provider, user]) await publish('PartyRegistered', p);
    at('2026-10-05T12:00:00Z');
    const e = engagement(user.partyId, provider.partyId, '2026-10-20');
    await publish('EngagementStarted', e);
    await publish('SharedResourceProviderDesignated', { partyId: provider.partyId, sharedResourceId: e.sharedResourceId });
    const report = await issue(cio, provider.partyId, 'ASSESSMENT_REPORT');
    expect(report.recipients.map((r) => r.party.id)).toEqual([provider.partyId]);
    expect(await copiesOf(user.partyId)).toEqual([]);

    // The periodic runner, as the service starts it: its first round runs at once, before the start.
    at('2026-10-19T12:00:00Z');
    const rounds = startEngagementStartRounds({ dataSource: service.dataSource, logger: service.logger, intervalMs: 60_000, clock });
    try {
      expect(await rounds.runOnce()).toEqual({ engagements: 0, copies: 0 });
      at('2026-10-20T12:00:00Z');
      expect(await rounds.runOnce()).toEqual({ engagements: 1, copies: 1 });
    } finally {
      await rounds.stop();
    }
    expect(await copiesOf(user.partyId)).toEqual([{ document_id: report.id, reason: 'NEWLY_ENGAGED', engagement_id: e.engagementId }]);
    // Oversight sees the copy with the provider's.
    const seen = (await service.gql<{ document: Doc | null }>(admin, READ, { id: report.id })).data?.document;
    expect(seen?.recipients.map((r) => r.party.id).sort()).toEqual([provider.partyId, user.partyId].sort());
  });
});
