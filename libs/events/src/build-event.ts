// Type-safe construction of envelopes. Data is validated here, at the producer, so that a bad
// event fails the business transaction instead of reaching a consumer.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ENVELOPE_VERSION } from './envelope';
import { definitionOf, EVENT_DEFINITIONS, type EventData, type EventEnvelope, type EventType } from './registry';

export interface BuildEventOptions {
  /** Defaults to a fresh uuid. */
  id?: string;
  /** Defaults to now. */
  occurredAt?: Date;
  /** Optional: derived from the data (see each event's `subjectField`); if given it must match. */
  subject?: string;
}

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

export function buildEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  options: BuildEventOptions = {},
): EventEnvelope<T> {
  const definition = definitionOf(type as string);
  if (definition === undefined) {
    throw new InvalidEventError(`unknown event type "${type}"`);
  }
  const checked = definition.data.safeParse(data);
  if (!checked.success) {
    throw new InvalidEventError(`invalid ${type} data: ${z.prettifyError(checked.error)}`);
  }
  const subject = (checked.data as Record<string, unknown>)[definition.subjectField];
  if (typeof subject !== 'string') {
    throw new InvalidEventError(`${type}: data.${definition.subjectField} (the subject) is missing`);
  }
  if (options.subject !== undefined && options.subject !== subject) {
    throw new InvalidEventError(
      `${type}: subject "${options.subject}" differs from data.${definition.subjectField} "${subject}"`,
    );
  }
  const envelope = {
    id: options.id ?? randomUUID(),
    type,
    version: ENVELOPE_VERSION,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    source: definition.source,
    subject,
    data: checked.data,
  };
  // Re-check the whole envelope (id format, closed field set) with the schema consumers use.
  const whole = definition.envelope.safeParse(envelope);
  if (!whole.success) {
    throw new InvalidEventError(`invalid ${type} envelope: ${z.prettifyError(whole.error)}`);
  }
  return whole.data as EventEnvelope<T>;
}

/** One builder per event type: `eventBuilders.PartyRegistered(data)`. */
export type EventBuilders = {
  [T in EventType]: (data: EventData<T>, options?: BuildEventOptions) => EventEnvelope<T>;
};

export const eventBuilders = Object.fromEntries(
  EVENT_DEFINITIONS.map((d) => [d.type, (data: unknown, options?: BuildEventOptions) => buildEvent(d.type, data as never, options)]),
) as EventBuilders;
