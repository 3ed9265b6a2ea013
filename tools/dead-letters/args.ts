import { parseArgs } from 'node:util';

export const USAGE = `Usage: npx tsx tools/dead-letters/dead-letters.ts <command>
  topics                                  every dead-letter topic and how many letters it holds
  list <dlq-topic>                        each letter: position, source, error, event id and type
  replay <dlq-topic> --all                publish every letter again on its source topic
  replay <dlq-topic> --at <partition>:<offset> [--at ...]   only these letters
Dead-letter topics are named <source topic>.dlq.<consumer group>. Replaying is safe to repeat:
consumers skip an event id they have already handled. Fix the cause first (see the error).
Kafka: KAFKA_BROKERS and the KAFKA_SSL*/KAFKA_SASL_* variables, as for the services.
`;

export class UsageError extends Error {}

export type Command =
  | { kind: 'topics' }
  | { kind: 'list'; topic: string }
  | { kind: 'replay'; topic: string; select: 'all' | Array<{ partition: number; offset: string }> };

const POSITION = /^(\d+):(\d+)$/;

export function parseCommand(argv: readonly string[]): Command {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { all: { type: 'boolean', default: false }, at: { type: 'string', multiple: true } },
  });
  const [command, topic, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  if (command === 'topics' && topic === undefined) return { kind: 'topics' };
  if (topic === undefined || !topic.includes('.dlq.')) {
    if (command === 'list' || command === 'replay') throw new UsageError(`${command} needs a dead-letter topic (<topic>.dlq.<group>)`);
    throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
  }
  if (command === 'list') return { kind: 'list', topic };
  if (command !== 'replay') throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  const at = values.at ?? [];
  if (values.all === (at.length > 0)) throw new UsageError('replay needs either --all or one or more --at <partition>:<offset>');
  if (values.all) return { kind: 'replay', topic, select: 'all' };
  return {
    kind: 'replay',
    topic,
    select: at.map((position) => {
      const match = POSITION.exec(position);
      if (!match) throw new UsageError(`--at ${JSON.stringify(position)} must look like 0:42 (partition:offset)`);
      return { partition: Number(match[1]), offset: match[2]! };
    }),
  };
}

/** The letters a replay command chose; a position that holds no letter is an error, not a no-op. */
export function selectLetters<T extends { partition: number; offset: string }>(letters: readonly T[], select: 'all' | Array<{ partition: number; offset: string }>): T[] {
  if (select === 'all') return [...letters];
  return select.map(({ partition, offset }) => {
    const found = letters.find((letter) => letter.partition === partition && letter.offset === offset);
    if (!found) throw new UsageError(`no dead letter at ${partition}:${offset}`);
    return found;
  });
}
