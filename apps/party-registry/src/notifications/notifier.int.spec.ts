import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { buildEvent, TOPICS, type EventData, type EventType } from '@sec-assure/events';
import { createTopic, requireKafka, testKafka, testLogger, uniqueName, waitFor } from '@sec-assure/events/testing';
import { DEFAULT_WORKING_DAY_CALENDAR } from '@sec-assure/rules';
import { ADMIN, partyUser, startTestRegistry, type TestRegistry } from '../testing/registry-harness';
import { startTestMailbox, type CapturedMail, type TestMailbox } from '../testing/test-mailbox';
import { readNotificationConfig, type NotificationConfig } from './config';
import { NOTIFICATION_TOPICS, startNotifier, type Notifier } from './notifier';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const CONTACT = `mutation($id: ID!, $email: String) { setPartyContactEmail(partyId: $id, email: $email) { id contactEmail } }`;

describe('notifications by email (party-registry consumer, real PostgreSQL, Kafka and SMTP on loopback)', () => {
  let registry: TestRegistry;
  let mailbox: TestMailbox;
  let producer: Producer;
  let mails: CapturedMail[] = [];
  const kafka = testKafka(uniqueName('notify-test'));
  const groupId = uniqueName('notify-test');
  let config: NotificationConfig;
  let today = '2026-03-02';
  const start = (group = groupId): Promise<Notifier> =>
    startNotifier({ dataSource: registry.handle.dataSource, kafka: testKafka(uniqueName('notifier')), groupId: group, logger: testLogger(), config, clock: () => new Date(`${today}T12:00:00Z`), calendar: DEFAULT_WORKING_DAY_CALENDAR });

  beforeAll(async () => {
    await requireKafka();
    registry = await startTestRegistry();
    mailbox = await startTestMailbox();
    mails = mailbox.mails;
    config = { ...readNotificationConfig({ SMTP_PORT: String(mailbox.port) }), enabled: true, intervalMs: 3_600_000 };
    producer = kafka.producer();
    await producer.connect();
    // The group starts at the topics' ends with offsets committed for every partition, so no event
    // published after a start is lost to the reset of a partition it has not fetched yet.
    await atTopicEnds(groupId);
  });
  afterAll(async () => {
    await producer?.disconnect();
    await mailbox?.close();
    await registry?.stop();
  });

  async function atTopicEnds(group: string): Promise<void> {
    // On a fresh broker the topics may not exist yet (no service has started): as a service would.
    for (const topic of NOTIFICATION_TOPICS) await createTopic(kafka, topic);
    const admin = kafka.admin();
    await admin.connect();
    // Real offsets, not resetOffsets: that commits -1 ("latest"), which the consumer resolves only
    // at its first fetch of a partition, after a start, so an event published in between was skipped.
    for (const topic of NOTIFICATION_TOPICS) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId: group, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
    await admin.disconnect();
  }
  async function party(name: string, email?: string): Promise<string> {
    const result = await registry.gql<{ registerParty: { id: string } }>(ADMIN, REGISTER, { input: { name: uniqueName(name), userRoles: ['IMPORT_SUPPLIER'] } });
    const id = result.data!.registerParty.id;
    if (email) {
      const set = await registry.gql<{ setPartyContactEmail: { contactEmail: string } }>(ADMIN, CONTACT, { id, email });
      expect(set.data?.setPartyContactEmail.contactEmail).toBe(email);
    }
    return id;
  }
  async function publish<T extends EventType>(type: T, data: EventData<T>, id?: string): Promise<string> {
    const event = buildEvent(type, data, { id, occurredAt: new Date(`${today}T09:00:00Z`) });
    await producer.send({ topic: event.type.startsWith('Document') ? TOPICS.reportDistribution : TOPICS.assessmentScheduling, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
    return event.id;
  }
  const handled = (eventId: string) => async (): Promise<boolean> =>
    ((await registry.handle.dataSource.query(`SELECT 1 FROM processed_event WHERE consumer_name = 'notifications' AND event_id = $1`, [eventId])) as unknown[]).length === 1;

  it('a party user cannot set a contact address; SECAS can, and a party reads its own', async () => {
    const id = await party('Contact Test', 'ops@contact.example');
    expect((await registry.gql(partyUser(id), CONTACT, { id, email: 'x@y.example' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await registry.gql<{ party: { contactEmail: string } }>(partyUser(id), `query($id: ID!) { party(id: $id) { contactEmail } }`, { id });
    expect(own.data?.party.contactEmail).toBe('ops@contact.example');
    expect((await registry.gql(ADMIN, CONTACT, { id, email: 'not an address' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('mails each recipient with an address once per subject and day; a restart and a redelivery send nothing twice; the reminder sweep once', async () => {
    const provider = await party('Notify Provider', 'security@provider.example');
    const user = await party('Notify User', 'ciso@user.example');
    const silent = await party('Notify Silent'); // no address: never mailed
    const documentId = randomUUID();
    const caseId = randomUUID();
    let notifier = await start();
    const issued = await publish('DocumentIssued', {
      documentId, kind: 'ASSESSMENT_REPORT', subjectPartyId: provider, assessmentId: null, title: 'Full assessment report 2026', issuedOn: today,
      sha256: 'b'.repeat(64), recipientPartyIds: [provider, user, silent],
    });
    const decided = await publish('NonComplianceCaseDecided', {
      caseId, providerPartyId: provider, assessmentId: randomUUID(), decision: 'NO_RECOMMENDATION', reasons: 'Remediated in time', decidedOn: today, decidedBy: 'ssc-1',
      recommendationId: null, flaggedUserPartyIds: [],
    });
    await waitFor(handled(issued), { what: 'DocumentIssued handled', timeoutMs: 60_000 });
    await waitFor(handled(decided), { what: 'NonComplianceCaseDecided handled', timeoutMs: 60_000 });
    expect(await notifier.runOnce()).toEqual({ queued: 0, sent: 3 });
    await waitFor(() => mails.length >= 3, { what: 'three mails captured' });
    expect(mails.map((m) => [m.to, m.subject]).sort()).toEqual([
      ['ciso@user.example', 'Document issued to you: Full assessment report 2026'],
      ['security@provider.example', 'Document issued to you: Full assessment report 2026'],
      ['security@provider.example', expect.stringMatching(/^Non-compliance decision about Notify Provider/)],
    ]);
    expect(mails.find((m) => m.to === 'ciso@user.example')?.text).toContain(`Its sha256 is ${'b'.repeat(64)}`);

    // Restart: a new consumer of the same group; the same event redelivered, and the same subject again the same day.
    await notifier.stop();
    notifier = await start();
    await publish('DocumentIssued', {
      documentId, kind: 'ASSESSMENT_REPORT', subjectPartyId: provider, assessmentId: null, title: 'Full assessment report 2026', issuedOn: today,
      sha256: 'b'.repeat(64), recipientPartyIds: [provider, user, silent],
    }, issued);
    const again = await publish('DocumentIssued', {
      documentId, kind: 'ASSESSMENT_REPORT', subjectPartyId: provider, assessmentId: null, title: 'Full assessment report 2026', issuedOn: today,
      sha256: 'b'.repeat(64), recipientPartyIds: [provider, user],
    });
    await waitFor(handled(again), { what: 'the repeated DocumentIssued handled', timeoutMs: 60_000 });
    expect(await notifier.runOnce()).toEqual({ queued: 0, sent: 0 });
    expect(mails).toHaveLength(3);

    // R-DIST-3: ten Working Days later the user (which has not acknowledged) is reminded, once.
    const ack = await publish('DocumentAcknowledged', { documentId, partyId: provider, acknowledgedAt: `${today}T10:00:00.000Z` });
    await waitFor(handled(ack), { what: 'DocumentAcknowledged handled', timeoutMs: 60_000 });
    today = '2026-03-13'; // 9 Working Days after 2026-03-02: not yet
    expect(await notifier.runOnce()).toEqual({ queued: 0, sent: 0 });
    today = '2026-03-16';
    expect(await notifier.runOnce()).toEqual({ queued: 1, sent: 1 });
    await waitFor(() => mails.length >= 4, { what: 'the reminder' });
    expect(mails[3]).toMatchObject({ to: 'ciso@user.example', subject: 'Please acknowledge: Full assessment report 2026' });
    today = '2026-03-17';
    expect(await notifier.runOnce()).toEqual({ queued: 0, sent: 0 });
    await notifier.stop();
    expect(mails).toHaveLength(4);
  });
});
