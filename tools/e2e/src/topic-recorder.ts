import type { Envelope } from '@sec-assure/events';
import { requireKafka, testKafka, uniqueName, waitFor } from '@sec-assure/events/testing';

// Records a topic as a subscriber sees it, for whole-system tests that check what was published.

/** An event value as read from the topic: the contract envelope, data left open. */
export type RecordedEvent = Envelope<string, Record<string, unknown>>;

export interface RecordedMessage {
  key: string | null;
  headers: Record<string, string>;
  event: RecordedEvent;
}

export interface TopicRecording {
  /** Every message received so far, in arrival order (in order per key). */
  readonly messages: readonly RecordedMessage[];
  /** The messages about `subject`, of `type` when given. */
  about(subject: string, type?: string): RecordedMessage[];
  /** Polls `probe` over the messages until it returns a value (events arrive asynchronously). */
  waitFor<T>(probe: (messages: readonly RecordedMessage[]) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Reads `topic` from the beginning on a group of its own, so nothing published during the test is missed. */
export async function recordTopic(topic: string, label: string): Promise<TopicRecording> {
  await requireKafka();
  const messages: RecordedMessage[] = [];
  // Short fetch long-poll: disconnect() waits for the fetch in flight (kafkajs default 5 s).
  const consumer = testKafka().consumer({ groupId: uniqueName(label), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value).toString();
      }
      let event: RecordedEvent;
      try {
        event = JSON.parse(message.value.toString()) as RecordedEvent;
      } catch {
        return; // not an event (a test may put such values on the topics to test the consumers)
      }
      if (event === null || typeof event !== 'object' || typeof event.type !== 'string' || event.data === null || typeof event.data !== 'object') return;
      messages.push({ key: message.key?.toString() ?? null, headers, event });
    },
  });
  return {
    messages,
    about: (subject, type) => messages.filter((m) => m.event.subject === subject && (type === undefined || m.event.type === type)),
    waitFor: (probe, timeoutMs = 30_000) =>
      waitFor(async () => probe(messages) ?? undefined, { timeoutMs, intervalMs: 200, what: `${label} on ${topic}` }),
    stop: () => consumer.disconnect(),
  };
}
