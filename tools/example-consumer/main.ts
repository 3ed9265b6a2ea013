// Prints one line per event on the SEC assure topics:
//   KAFKA_BROKERS=127.0.0.1:9092 npx tsx tools/example-consumer/main.ts [--group my-team]
import { startExampleConsumer } from './consumer';

async function main(): Promise<void> {
  const groupIndex = process.argv.indexOf('--group');
  const groupId = groupIndex > 0 ? (process.argv[groupIndex + 1] ?? '') : 'example-consumer';
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  const running = await startExampleConsumer({
    brokers,
    groupId,
    onEvent: async (event, { topic, partition, offset, correlationId }) => {
      // `event.type` narrows `event.data` to that event's fields.
      if (event.type === 'PartyRegistered') {
        console.log(`${topic} ${partition}:${offset} PartyRegistered ${event.data.partyId} "${event.data.name}"`);
        return;
      }
      console.log(`${topic} ${partition}:${offset} ${event.type} ${event.subject} (correlation ${correlationId ?? '-'})`);
    },
    onUnreadable: async (error, { topic, partition, offset }) => {
      console.error(`${topic} ${partition}:${offset} skipped (${error.kind}): ${error.message}`);
    },
  });
  const stop = () => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
