// tools/verify-record: verifies a service's tamper-evident record offline.
//   npx tsx tools/verify-record/main.ts --db postgres://postgres@127.0.0.1:5432/party_registry
//   npx tsx tools/verify-record/main.ts --dump party_registry.sql      (pg_dump plain or -Fc)
//   npx tsx tools/verify-record/main.ts --topic sec.party-registry.v1 [--brokers host:port] [--db <url> | --dump <file>]
// Prints one line: OK with the counts and head, or the first entry that does not verify.
// Exit code 0 clean, 1 tampered, 2 usage or connection error.
import { definitionOf, parseBrokers, recordChainHeadType, TOPIC_NAMES, type TopicName } from '@sec-assure/events';
import { readRecord, readRecordSkeleton } from './read-db';
import { readWholeTopic } from './read-topic';
import { formatTopicVerdict, formatVerdict } from './report';
import { pgTargetFromEnv, withRestoredDump } from './restore-dump';
import { verifyChain, type Verdict } from './verify';
import { verifyTopic, type TopicVerdict } from './verify-topic';

export async function verifyDatabase(url: string): Promise<Verdict> {
  const snapshot = await readRecord(url);
  return verifyChain(snapshot.entries, snapshot.head, snapshot.current);
}

export async function verifyDump(file: string): Promise<Verdict> {
  return withRestoredDump(file, pgTargetFromEnv(), verifyDatabase);
}

/** The contract topic a Kafka topic carries: itself, or a test run's `<topic>.<run>`. */
export function contractTopicOf(topic: string): TopicName | undefined {
  return TOPIC_NAMES.find((t) => topic === t || topic.startsWith(`${t}.`));
}

export interface TopicCheck {
  topic: TopicVerdict;
  /** The database's own chain, when one was given. */
  database: Verdict | null;
}

/** Reads `topic` to its end and verifies the heads on it; with a database URL, against that database too. */
export async function verifyFromTopic(topic: string, brokers: string[], databaseUrl?: string): Promise<TopicCheck> {
  const contract = contractTopicOf(topic);
  if (contract === undefined) throw new Error(`${topic} is not a service topic (${TOPIC_NAMES.join(', ')})`);
  const headDefinition = definitionOf(recordChainHeadType(contract));
  if (headDefinition === undefined) throw new Error(`no record head event on ${contract}`);
  const messages = await readWholeTopic(brokers, topic);
  if (databaseUrl === undefined) return { topic: verifyTopic(messages, headDefinition), database: null };
  const stored = await readRecordSkeleton(databaseUrl, contract);
  return { topic: verifyTopic(messages, headDefinition, stored), database: await verifyDatabase(databaseUrl) };
}

type Args = { mode: 'db' | 'dump'; value: string } | { mode: 'topic'; topic: string; brokers: string[]; db?: string; dump?: string };

function parseArgs(argv: string[]): Args | null {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i]!, argv[i + 1]];
    if (!['--db', '--dump', '--topic', '--brokers'].includes(flag) || value === undefined || value.startsWith('--') || flags.has(flag)) return null;
    flags.set(flag, value);
  }
  const db = flags.get('--db');
  const dump = flags.get('--dump');
  const topic = flags.get('--topic');
  if (db !== undefined && dump !== undefined) return null;
  if (topic !== undefined) return { mode: 'topic', topic, brokers: parseBrokers(flags.get('--brokers') ?? process.env.KAFKA_BROKERS), db, dump };
  if (flags.has('--brokers')) return null;
  if (db !== undefined) return { mode: 'db', value: db };
  if (dump !== undefined) return { mode: 'dump', value: dump };
  return null;
}

const USAGE = 'usage: verify-record --db <postgres url> | --dump <pg_dump file>\n       verify-record --topic <topic> [--brokers host:port] [--db <postgres url> | --dump <pg_dump file>]';
const shown = (url: string) => url.replace(/\/\/[^@]*@/, '//');

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === null) {
    console.error(USAGE);
    return 2;
  }
  if (args.mode === 'topic') {
    const check =
      args.dump !== undefined
        ? await withRestoredDump(args.dump, pgTargetFromEnv(), (url) => verifyFromTopic(args.topic, args.brokers, url))
        : await verifyFromTopic(args.topic, args.brokers, args.db);
    const against = args.dump ?? (args.db === undefined ? undefined : shown(args.db));
    console.log(formatTopicVerdict(args.topic, check.topic, check.database, against));
    return check.topic.ok && (check.database?.ok ?? true) ? 0 : 1;
  }
  const verdict = args.mode === 'db' ? await verifyDatabase(args.value) : await verifyDump(args.value);
  console.log(formatVerdict(args.mode === 'db' ? shown(args.value) : args.value, verdict));
  return verdict.ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
