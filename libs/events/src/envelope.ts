// The envelope every event value is wrapped in (contract README §3), and `defineEvent`, which
// turns one event's data schema into its full, typed contract.
import { z } from 'zod';
import { Id, Instant } from './scalars';
import { TOPIC_SOURCES, type SourceName, type TopicName } from './topics';

export const ENVELOPE_VERSION = 1;

/** The JSON value of every Kafka message on our topics. */
export interface Envelope<T extends string = string, D = unknown, S extends SourceName = SourceName> {
  /** uuid, unique per event: consumers de-duplicate on it. */
  id: string;
  type: T;
  version: typeof ENVELOPE_VERSION;
  /** ISO instant at which the change was committed by its service. */
  occurredAt: string;
  source: S;
  /** Id of the aggregate the event is about; also the Kafka key. */
  subject: string;
  data: D;
}

/** Names of the data fields that hold a string: the candidates for the envelope's subject. */
type StringField<D> = { [K in keyof D]-?: D[K] extends string ? K : never }[keyof D] & string;

export interface EventDefinition<
  T extends string = string,
  Tp extends TopicName = TopicName,
  D extends z.ZodObject = z.ZodObject,
> {
  readonly type: T;
  readonly topic: Tp;
  readonly source: (typeof TOPIC_SOURCES)[Tp];
  readonly description: string;
  /** The data field whose value is the envelope's `subject` (and so the Kafka key). */
  readonly subjectField: StringField<z.output<D>>;
  readonly data: D;
  /** The whole value: envelope fields fixed and closed, `data` open to added fields. */
  readonly envelope: z.ZodType<Envelope<T, z.output<D>, (typeof TOPIC_SOURCES)[Tp]>>;
}

export function defineEvent<const T extends string, const Tp extends TopicName, D extends z.ZodObject>(spec: {
  type: T;
  topic: Tp;
  description: string;
  subjectField: StringField<z.output<D>>;
  data: D;
}): EventDefinition<T, Tp, D> {
  const source = TOPIC_SOURCES[spec.topic];
  // Envelope fields are fixed by the contract, so unknown ones are an error (strict). `data`
  // keeps zod's default (unknown keys stripped): fields may be added within a topic version
  // without breaking existing consumers.
  const envelope = z
    .strictObject({
      id: z.uuid(),
      type: z.literal(spec.type),
      version: z.literal(ENVELOPE_VERSION),
      occurredAt: Instant,
      source: z.literal(source),
      subject: Id,
      data: spec.data,
    })
    .meta({ title: spec.type, description: spec.description });
  return {
    ...spec,
    source,
    // zod cannot evaluate its output type while T and D are still generic; the object above is
    // exactly the Envelope shape, field for field.
    envelope: envelope as unknown as z.ZodType<Envelope<T, z.output<D>, (typeof TOPIC_SOURCES)[Tp]>>,
  };
}
