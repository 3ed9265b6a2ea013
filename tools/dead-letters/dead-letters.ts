// Lists and replays the dead letters of the consumers (see libs/events, "Dead letters").
// Run: npx tsx tools/dead-letters/dead-letters.ts topics | list <dlq-topic> | replay <dlq-topic> --all
import pino from 'pino';
import {
  countDeadLetters,
  createKafka,
  kafkaSecurityFromEnv,
  listDeadLetterTopics,
  parseBrokers,
  readDeadLetters,
  replayDeadLetters,
  type DeadLetter,
} from '../../libs/events/src/index';
import { USAGE, UsageError, parseCommand, selectLetters } from './args';

function describe(letter: DeadLetter): string {
  let event = '';
  const omitted = letter.headers['dlq-value-omitted'];
  try {
    const parsed = JSON.parse(letter.value ?? '') as { id?: unknown; type?: unknown };
    event = ` event ${String(parsed.type)} ${String(parsed.id)}`;
  } catch {
    event = omitted === undefined ? ' (value is not JSON)' : ` (value not kept: ${omitted})`;
  }
  return (
    `${letter.partition}:${letter.offset} from ${letter.source.topic} ${letter.source.partition}:${letter.source.offset}` +
    ` key=${letter.key ?? '-'}${event}\n    ${letter.kind} after ${letter.headers['dlq-attempts'] ?? '?'} attempt(s)` +
    ` at ${letter.headers['dlq-failed-at'] ?? '?'}: ${letter.error}`
  );
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const command = parseCommand(argv);
  const kafka = createKafka({
    brokers: parseBrokers(process.env.KAFKA_BROKERS),
    clientId: 'dead-letters-tool',
    logger: pino({ level: 'warn' }, pino.destination(2)),
    security: kafkaSecurityFromEnv(process.env),
  });
  if (command.kind === 'topics') {
    const topics = await listDeadLetterTopics(kafka);
    if (topics.length === 0) process.stdout.write('no dead-letter topics: no consumer has dead-lettered an event\n');
    for (const topic of topics) {
      process.stdout.write(`${topic}\t${await countDeadLetters(kafka, topic)}\n`);
    }
    return;
  }
  const letters = await readDeadLetters(kafka, command.topic);
  if (command.kind === 'list') {
    process.stdout.write(letters.length === 0 ? `no dead letters on ${command.topic}\n` : `${letters.map(describe).join('\n')}\n`);
    return;
  }
  const chosen = selectLetters(letters, command.select);
  const count = await replayDeadLetters(kafka, chosen);
  process.stdout.write(`replayed ${count} dead letter(s) from ${command.topic} onto their source topics\n`);
}

// `... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`dead-letters: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`dead-letters: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
