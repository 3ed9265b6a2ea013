import { dropDatabase } from '@sec-assure/service';
import { uniqueName } from '@sec-assure/events/testing';
import { runMigrationCommand } from './commands';
import { SERVICES } from './services';

// Against the real PostgreSQL, on a throwaway database named through the service's own variable.
describe('migration commands', () => {
  const service = SERVICES['ssc-membership'];
  const env = { ...process.env, SSC_MEMBERSHIP_DB_NAME: uniqueName('migrate').toLowerCase() };

  afterAll(async () => {
    if (service) await dropDatabase(service.loadConfig(env).database);
  });

  it('operations (migrations): status shows pending, run applies all, revert undoes only the last, run applies it again', async () => {
    if (service === undefined) throw new Error('ssc-membership is not listed');
    const names = service.migrations.map((m) => m.name);
    const last = names[names.length - 1];

    const fresh = await runMigrationCommand('status', service, env);
    expect(fresh.states.filter((s) => s.applied)).toEqual([]);

    const run = await runMigrationCommand('run', service, env);
    expect(run.changed.sort()).toEqual([...names].sort());
    expect(run.states.every((s) => s.applied)).toBe(true);

    const reverted = await runMigrationCommand('revert', service, env);
    expect(reverted.changed).toEqual([last]);
    expect(reverted.states.filter((s) => !s.applied).map((s) => s.name)).toEqual([last]);

    const status = await runMigrationCommand('status', service, env);
    expect(status.states).toEqual(reverted.states);

    const again = await runMigrationCommand('run', service, env);
    expect(again.changed).toEqual([last]);
  });

  it('operations (migrations): every service with a database is listed', () => {
    expect(Object.keys(SERVICES).sort()).toEqual(['assessment-scheduling', 'party-registry', 'report-distribution', 'ssc-membership']);
  });
});
