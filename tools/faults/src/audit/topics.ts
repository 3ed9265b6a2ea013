// Reads the topics back as a subscriber sees them (committed only): every message from the beginning
// up to the ends of the moment, whatever transaction markers they hold.
import { Kafka, logLevel } from 'kafkajs';
import { readCommitted, TOPIC_NAMES, type TopicName } from '@sec-assure/events';

export interface TopicMessage {
  topic: TopicName;
  id: string;
  type: string;
}

export async function readTopics(brokers: string, label: string): Promise<TopicMessage[]> {
  const kafka = new Kafka({ clientId: `faults-audit-${label}`, brokers: [brokers], logLevel: logLevel.NOTHING });
  return (await readCommitted(kafka, TOPIC_NAMES)).map((message) => {
    let event: { id?: string; type?: string } = {};
    try {
      event = JSON.parse(message.value ?? '{}') as { id?: string; type?: string };
    } catch {
      // not an event: counted as one without id or type
    }
    return { topic: message.topic as TopicName, id: event.id ?? '(no id)', type: event.type ?? '(no type)' };
  });
}
