// The JSON Schema of one event type, generated from its zod schema (the single source of truth).
import { z } from 'zod';
import type { EventDefinition } from '../envelope';

export type JsonSchema = Record<string, unknown>;

export function eventJsonSchema(definition: EventDefinition): JsonSchema {
  // draft-07: what AsyncAPI's schema object is based on, and the most widely supported draft.
  // io 'input': describes what a producer may put on the wire; `data` stays open to added fields.
  const schema = z.toJSONSchema(definition.envelope, { target: 'draft-7', io: 'input' });
  return {
    ...schema,
    $id: `${definition.type}.json`,
    'x-topic': definition.topic,
    'x-kafka-key': `data.${definition.subjectField}`,
  };
}
