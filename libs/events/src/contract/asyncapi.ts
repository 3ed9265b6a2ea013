// One AsyncAPI 3.0 document for all topics. Message payloads reference the committed JSON Schema
// files (schemas/<Type>.json) instead of repeating them.
import type { EventDefinition } from '../envelope';
import { EVENT_DEFINITIONS } from '../registry';
import { TOPIC_NAMES, TOPIC_SOURCES, TOPICS, type TopicName } from '../topics';

const CHANNEL_IDS = Object.fromEntries(Object.entries(TOPICS).map(([id, topic]) => [topic, id])) as Record<
  TopicName,
  string
>;

const BINDING_VERSION = '0.5.0';

export function asyncApiDocument(): Record<string, unknown> {
  const definitions = EVENT_DEFINITIONS as readonly EventDefinition[];
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of TOPIC_NAMES) {
    const id = CHANNEL_IDS[topic];
    const onTopic = definitions.filter((d) => d.topic === topic);
    channels[id] = {
      address: topic,
      title: topic,
      description: `Events of the ${TOPIC_SOURCES[topic]} service. Key: the subject (aggregate id); value: a JSON envelope.`,
      messages: Object.fromEntries(onTopic.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }])),
      bindings: { kafka: { topic, partitions: 3, bindingVersion: BINDING_VERSION } },
    };
    operations[`publish_${id}`] = {
      action: 'send',
      title: `${TOPIC_SOURCES[topic]} publishes`,
      summary: `Published by ${TOPIC_SOURCES[topic]} after its database transaction commits (transactional outbox, at least once).`,
      channel: { $ref: `#/channels/${id}` },
      messages: onTopic.map((d) => ({ $ref: `#/channels/${id}/messages/${d.type}` })),
    };
  }
  const messages = Object.fromEntries(
    definitions.map((d) => [
      d.type,
      {
        name: d.type,
        title: d.type,
        summary: d.description,
        contentType: 'application/json',
        correlationId: { $ref: '#/components/correlationIds/correlationId' },
        headers: { $ref: '#/components/schemas/Headers' },
        payload: { $ref: `./schemas/${d.type}.json` },
        bindings: {
          kafka: {
            key: { type: 'string', description: `The envelope's subject: data.${d.subjectField}` },
            bindingVersion: BINDING_VERSION,
          },
        },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'SEC assure events',
      version: '1.0.0',
      description: [
        'Every state change of the SEC assure services, published after its database transaction commits.',
        '',
        '- Delivery is at least once: consumers de-duplicate on the envelope `id`.',
        '- Order is kept per key (the envelope `subject`, the aggregate id), not across keys.',
        '- Fields may be added to `data` within a topic version; consumers ignore fields they do not know.',
        '  A breaking change gets a new topic (`.v2`).',
        '- The Kafka header `correlation-id` carries the id of the request that caused the change.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'Local single-node broker (tools/kafka/kafka.sh start).',
      },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: {
        Headers: {
          type: 'object',
          properties: {
            'correlation-id': { type: 'string', description: 'Id of the request that caused the change.' },
          },
        },
      },
      correlationIds: {
        correlationId: {
          description: 'The request that caused the change.',
          location: '$message.header#/correlation-id',
        },
      },
    },
  };
}
