import { buildEvent, TOPICS, type EventEnvelope, type EventParseError } from '@sec-assure/events/public';
import { createTopic, isolatedTopics, requireKafka, testBrokers, testKafka, uniqueName, waitFor } from '@sec-assure/events/testing';
import { startExampleConsumer, type EventContext, type RunningConsumer } from './consumer';

// Against the real broker: a value produced exactly as the services' relay produces it (key =
// subject, JSON envelope, correlation-id header) reaches the example consumer parsed and typed.
describe('example consumer (real broker)', () => {
  const physicalTopic = isolatedTopics();
  const kafka = testKafka();
  let running: RunningConsumer | undefined;

  beforeAll(async () => {
    await requireKafka();
    await createTopic(kafka, physicalTopic(TOPICS.partyRegistry));
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('contract (events): reads a PartyRegistered envelope typed, skips an unreadable value, handles a redelivered event once', async () => {
    const event = buildEvent('PartyRegistered', {
      partyId: 'party-example-1',
      name: 'Example Energy Ltd',
      userRoles: ['IMPORT_SUPPLIER'],
      isSharedResourceProvider: false,
      domesticPremises: { count: 250_000, effectiveFrom: '2026-01-05' },
      rolesEffectiveFrom: '2026-01-05',
    });
    const renamed = buildEvent('PartyUpdated', { partyId: 'party-example-1', name: 'Example Energy plc', userRoles: ['IMPORT_SUPPLIER'] });
    const message = {
      key: event.subject,
      value: JSON.stringify(event),
      headers: { 'correlation-id': 'corr-example-1' },
    };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: physicalTopic(TOPICS.partyRegistry),
      // One key, so one partition, in this order: the event, a value no consumer can read, the
      // same event again (at-least-once delivery), then a later event.
      messages: [
        message,
        { key: event.subject, value: '{"type":"NoSuchEvent"}' },
        message,
        { key: renamed.subject, value: JSON.stringify(renamed) },
      ],
    });
    await producer.disconnect();

    const seen: Array<{ event: EventEnvelope; context: EventContext }> = [];
    const unreadable: EventParseError[] = [];
    running = await startExampleConsumer({
      brokers: testBrokers(),
      groupId: uniqueName('example'),
      topics: [TOPICS.partyRegistry],
      physicalTopic,
      onEvent: async (received, context) => void seen.push({ event: received, context }),
      onUnreadable: async (error) => void unreadable.push(error),
    });
    // The later event arrives after everything before it on the partition was handled.
    await waitFor(() => seen.some((s) => s.event.type === 'PartyUpdated'), { what: 'the later event' });
    await running.stop();
    running = undefined;

    expect(seen.map((s) => s.event.id)).toEqual([event.id, renamed.id]);
    const [first] = seen;
    expect(first?.event).toEqual(event);
    expect(first?.context).toMatchObject({ topic: TOPICS.partyRegistry, correlationId: 'corr-example-1' });
    expect(first?.event.type === 'PartyRegistered' && first.event.data.domesticPremises?.count).toBe(250_000);
    expect(unreadable.map((e) => e.kind)).toEqual(['unknown-type']);
  });
});
