// Backup and restore end to end: a system with parties, engagements and projections answers a set
// of reads through the gateway; its databases are dumped and the system (with its databases) is
// gone; the dumps are restored into fresh databases, the projections rebuilt from the topics, and a
// new system on the restored databases gives the same answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createKafka, TOPICS } from '@sec-assure/events';
import { createLogger, dropDatabase } from '@sec-assure/service';
import { eventually, startSystem, type RunningSystem } from '../e2e/src/system';
import { dumpAll, restoreAll, type RestoreResult } from './backup-restore';
import { compareSnapshots, takeSnapshot, type Snapshot } from './reads';
import { databaseOf, dbNameVariable, SERVICE_NAMES } from './services';

// A rebuild replays the projected topics from their start: on a broker that other runs have filled
// (a long-lived development broker, not CI's) that takes minutes, so past this many events the
// restore is checked without it (and then every read, register-wide ones included, must match).
const MAX_REPLAY = 20_000;

async function eventsOnProjectedTopics(): Promise<number> {
  const kafka = createKafka({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'backup-spec', logger: createLogger('backup-spec', 'error', 0) });
  const admin = kafka.admin();
  await admin.connect();
  try {
    let total = 0;
    for (const topic of [TOPICS.partyRegistry, TOPICS.reportDistribution]) {
      for (const p of await admin.fetchTopicOffsets(topic).catch(() => [])) total += Number(p.high) - Number(p.low);
    }
    return total;
  } finally {
    await admin.disconnect();
  }
}

describe('backup, restore into fresh databases, rebuild, same answers through the gateway', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sec-backup-'));
  const suffix = `r${randomBytes(3).toString('hex')}`;
  let before: Snapshot;
  let after: Snapshot;
  let restored: RestoreResult[] = [];
  let partyIds: string[] = [];
  let second: RunningSystem | undefined;
  let rebuild = true;

  beforeAll(async () => {
    const replay = await eventsOnProjectedTopics();
    rebuild = replay <= MAX_REPLAY;
    if (!rebuild) console.warn(`backup spec: ${replay} events on the projected topics (> ${MAX_REPLAY}): restore checked without the rebuild`);
    const first = await startSystem();
    try {
      const admin = await first.token('SECAS_ADMIN');
      const register = async (name: string, extra: Record<string, unknown>) => {
        const r = await first.query<{ registerParty: { id: string } }>(admin, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
          input: { name: `${name} ${suffix}`, rolesEffectiveFrom: '2024-01-01', ...(extra.domesticPremises ? { premisesEffectiveFrom: '2024-01-01' } : {}), ...extra },
        });
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return r.data!.registerParty.id;
      };
      partyIds = [
        await register('Large Supplier', { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 300000 }),
        await register('Small Supplier', { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1200 }),
        await register('Network Operator', { userRoles: ['ELECTRICITY_DISTRIBUTOR'] }),
      ];
      // The projections have seen every party (assessment-scheduling answers nextAssessment).
      for (const id of partyIds) {
        await eventually(async () => {
          const r = await first.query<{ party: { nextAssessment: unknown } | null }>(admin, 'query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2025-06-30") { type } } }', { id });
          return r.data?.party?.nextAssessment ? true : undefined;
        });
      }
      // With a rebuild, without register-wide figures: the broker's topics also hold other test runs'
      // parties, which the rebuild replays too (in production the topics hold this system's only).
      before = await takeSnapshot({ gatewayUrl: first.gatewayUrl, token: admin, partyIds, includeLoad: !rebuild });
      const env = { ...process.env, ...Object.fromEntries(Object.entries(first.services).map(([name, s]) => [dbNameVariable(name), String(s.dataSource.options.database)])) };
      await dumpAll(dir, env);
      const targets = Object.fromEntries(SERVICE_NAMES.map((name) => [name, `${databaseOf(name, env).name}_${suffix}`]));
      await first.stop(); // drops the original databases: the restore stands alone
      restored = await restoreAll(dir, { targets, env, rebuild });
      second = await startSystem({ databases: targets });
      after = await takeSnapshot({ gatewayUrl: second.gatewayUrl, token: await second.token('SECAS_ADMIN'), partyIds, includeLoad: !rebuild });
    } catch (error) {
      await first.stop().catch(() => undefined);
      throw error;
    }
  }, 600_000);

  afterAll(async () => {
    await second?.stop(); // drops the restored databases
    for (const r of restored) await dropDatabase({ ...databaseOf(r.service, process.env), name: r.database }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dumped every service database', () => {
    expect(SERVICE_NAMES.map((s) => fs.existsSync(path.join(dir, `${s}.dump`)))).toEqual(SERVICE_NAMES.map(() => true));
  });

  it('rebuilt the projections of the three projecting services; report-distribution is restored only', () => {
    expect(Object.fromEntries(restored.map((r) => [r.service, r.rebuiltUpTo !== null]))).toEqual({
      'party-registry': rebuild,
      'assessment-scheduling': rebuild,
      'report-distribution': false,
      'ssc-membership': rebuild,
    });
  });

  it('R-MATRIX-1: the restored system gives the same answer to every read (the register, each overview with its next assessment)', () => {
    expect(Object.keys(before)).toEqual(expect.arrayContaining(partyIds.map((id) => `party ${id}`)));
    for (const id of partyIds) expect(JSON.stringify(before[`party ${id}`])).toContain('"nextAssessment":{');
    const { different } = compareSnapshots(before, after);
    expect(different).toEqual([]);
  });
});
