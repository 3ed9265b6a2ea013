// tools/verify-record: verifies a service's tamper-evident record offline.
//   npx tsx tools/verify-record/main.ts --db postgres://postgres@127.0.0.1:5432/party_registry
//   npx tsx tools/verify-record/main.ts --dump party_registry.sql      (pg_dump plain or -Fc)
// Prints one line: OK with the entry count and head, or the first entry that does not verify.
// Exit code 0 clean, 1 tampered, 2 usage or connection error.
import { readRecord } from './read-db';
import { formatVerdict } from './report';
import { pgTargetFromEnv, withRestoredDump } from './restore-dump';
import { verifyChain, type Verdict } from './verify';

export async function verifyDatabase(url: string): Promise<Verdict> {
  const snapshot = await readRecord(url);
  return verifyChain(snapshot.entries, snapshot.head, snapshot.current);
}

export async function verifyDump(file: string): Promise<Verdict> {
  return withRestoredDump(file, pgTargetFromEnv(), verifyDatabase);
}

async function main(argv: string[]): Promise<number> {
  const [flag, value] = argv;
  if ((flag !== '--db' && flag !== '--dump') || !value) {
    console.error('usage: verify-record --db <postgres url> | --dump <pg_dump file>');
    return 2;
  }
  const verdict = flag === '--db' ? await verifyDatabase(value) : await verifyDump(value);
  console.log(formatVerdict(flag === '--db' ? value.replace(/\/\/[^@]*@/, '//') : value, verdict));
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
