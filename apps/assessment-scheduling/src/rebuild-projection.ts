// Rebuilds the register projection from party-registry's topic, then exits:
//   npx tsx apps/assessment-scheduling/src/rebuild-projection.ts
// Safe while the service runs (see events/rebuild-projection.ts). Reads the same settings as the service.
// tsx reads the tsconfig of the working directory, which has no path aliases; so the rebuild runs in a
// child process told to use tsconfig.base.json, as tools/dev starts the services.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
  process.stdout.write(
    'Usage: npx tsx apps/assessment-scheduling/src/rebuild-projection.ts\n' +
      "Empties assessment-scheduling's register projection and replays party-registry's topic into it, then exits.\n" +
      'Safe while the service runs; reads the same settings as the service (PG*, KAFKA_BROKERS, ...). Takes no arguments.\n',
  );
  process.exit(0);
}
if (process.argv.length > 2) {
  process.stderr.write(`rebuild-projection takes no arguments (got ${process.argv.slice(2).join(' ')}); --help says what it does\n`);
  process.exit(2);
}

const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'rebuild-projection.main.ts')], {
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: path.join(__dirname, '..', '..', '..', 'tsconfig.base.json') },
});
process.exit(child.status ?? 1);
