// Turning a Kafka value back into a typed event. Never throws: a consumer decides what to do
// with a value it cannot read (ours logs and skips it, see consumer/start-consumer.ts).
import { z } from 'zod';
import { definitionOf, type EventOnTopic } from './registry';
import type { TopicName } from './topics';

export type EventParseErrorKind = 'invalid-json' | 'not-an-envelope' | 'unknown-type' | 'invalid-event';

export class EventParseError extends Error {
  override readonly name = 'EventParseError';
  constructor(
    readonly kind: EventParseErrorKind,
    message: string,
    /** The event `type` found in the value, when there was one. */
    readonly eventType?: string,
  ) {
    super(message);
  }
}

export type ParseEventResult<Tp extends TopicName> =
  | { ok: true; event: EventOnTopic<Tp> }
  | { ok: false; error: EventParseError };

const EnvelopeHead = z.object({ type: z.string() });

export function parseEvent<Tp extends TopicName>(topic: Tp, value: Buffer | string | null): ParseEventResult<Tp> {
  if (value === null) {
    return fail('invalid-json', 'empty value (tombstone?)');
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (err) {
    return fail('invalid-json', `value is not JSON: ${(err as Error).message}`);
  }
  const head = EnvelopeHead.safeParse(json);
  if (!head.success) {
    return fail('not-an-envelope', 'value has no string "type"');
  }
  const type = head.data.type;
  const definition = definitionOf(type);
  // A type unknown to this build (e.g. added by a newer producer) is reported like any other
  // unreadable value: the caller cannot handle it anyway.
  if (definition === undefined || definition.topic !== topic) {
    return fail('unknown-type', `"${type}" is not an event type of ${topic}`, type);
  }
  const parsed = definition.envelope.safeParse(json);
  if (!parsed.success) {
    return fail('invalid-event', `invalid ${type}: ${z.prettifyError(parsed.error)}`, type);
  }
  return { ok: true, event: parsed.data as EventOnTopic<Tp> };
}

function fail(kind: EventParseErrorKind, message: string, eventType?: string): { ok: false; error: EventParseError } {
  return { ok: false, error: new EventParseError(kind, message, eventType) };
}
