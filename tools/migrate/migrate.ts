/**
 * Database migrations of one service, with the same settings (PG*, <SERVICE>_DB_NAME) it reads:
 *   npx tsx tools/migrate/migrate.ts <service> status|run|revert
 * `run` applies every pending migration (services also do this when they start); `revert` undoes
 * the last applied one (run the previous release's code afterwards). Nx: `npx nx run
 * <service>:migrate-status`, `:migrate`, `:migrate-revert` (`nx migrate` alone is Nx's own command).
 */
import { runMigrationCommand, type MigrationCommand } from './commands';
import { SERVICES } from './services';

const COMMANDS: readonly MigrationCommand[] = ['status', 'run', 'revert'];

async function main(): Promise<void> {
  const [serviceName = '', command = ''] = process.argv.slice(2);
  const service = SERVICES[serviceName];
  if (service === undefined || !(COMMANDS as readonly string[]).includes(command)) {
    console.error(`usage: npx tsx tools/migrate/migrate.ts <${Object.keys(SERVICES).join('|')}> <${COMMANDS.join('|')}>`);
    process.exit(2);
  }
  const outcome = await runMigrationCommand(command as MigrationCommand, service);
  for (const { name, applied } of outcome.states) console.log(`${applied ? 'applied' : 'pending'}  ${name}`);
  if (command === 'run') console.log(`${serviceName}: ${outcome.changed.length} migration(s) applied`);
  if (command === 'revert') console.log(`${serviceName}: reverted ${outcome.changed.join(', ') || 'nothing (none applied)'}`);
  const pending = outcome.states.filter((s) => !s.applied).length;
  if (command === 'status') console.log(`${serviceName}: ${outcome.states.length - pending} applied, ${pending} pending`);
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
