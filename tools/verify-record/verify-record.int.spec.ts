// The tamper-evident record end to end on a real party-registry database: changes made through the
// API verify, from the live database and from a pg_dump file; a row altered directly in PostgreSQL
// (bypassing the record) is caught, and the verifier names the first entry that no longer verifies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireKafka } from '@sec-assure/events/testing';
import { ADMIN, startTestRegistry, type TestRegistry } from '../../apps/party-registry/src/testing/registry-harness';
import { formatVerdict } from './report';
import { verifyDatabase, verifyDump } from './main';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const PREMISES = `mutation($id: ID!, $count: Int!, $from: Date!) { recordDomesticPremises(partyId: $id, count: $count, effectiveFrom: $from) { id } }`;

describe('verify-record: a service record that nobody can quietly change', () => {
  let registry: TestRegistry;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    await requireKafka();
    registry = await startTestRegistry();
    const o = registry.handle.dataSource.options as { host?: string; port?: number; username?: string; database?: string };
    url = `postgres://${o.username ?? 'postgres'}@${o.host ?? '127.0.0.1'}:${o.port ?? 5432}/${o.database}`;
    dir = mkdtempSync(join(tmpdir(), 'verify-record-'));
    for (const name of ['Alpha Energy', 'Beta Networks']) {
      const r = await registry.gql<{ registerParty: { id: string } }>(ADMIN, REGISTER, { input: { name: `${name} ${Date.now()}`, userRoles: ['IMPORT_SUPPLIER'] } });
      expect(r.errors).toBeUndefined();
      const p = await registry.gql(ADMIN, PREMISES, { id: r.data!.registerParty.id, count: 120_000, from: '2025-01-01' });
      expect(p.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('chains every event and audit entry in its transaction; a clean record verifies live and from a dump', async () => {
    const [counts] = (await registry.handle.dataSource.query(
      `SELECT (SELECT count(*) FROM outbox_message)::int AS outbox, (SELECT count(*) FROM audit_entry)::int AS audit, (SELECT count(*) FROM record_entry)::int AS entries`,
    )) as Array<{ outbox: number; audit: number; entries: number }>;
    expect(counts!.outbox).toBe(4);
    expect(counts!.entries).toBe(counts!.outbox + counts!.audit);
    const live = await verifyDatabase(url);
    console.log(formatVerdict('party-registry (live, clean)', live));
    expect(live).toMatchObject({ ok: true, entries: counts!.entries, failure: null });

    const dump = join(dir, 'clean.sql');
    execFileSync('pg_dump', ['--no-owner', '-f', dump, url]);
    const fromDump = await verifyDump(dump);
    console.log(formatVerdict('party-registry (pg_dump, clean)', fromDump));
    expect(fromDump).toMatchObject({ ok: true, head: live.head });
  });

  it('names the entry of an audit row altered directly in PostgreSQL, live and in a dump taken after', async () => {
    const [target] = (await registry.handle.dataSource.query(
      `SELECT e.seq::int AS seq, a.id::text AS id FROM audit_entry a JOIN record_entry e ON e.source_table = 'audit_entry' AND e.source_key = a.id::text ORDER BY a.id LIMIT 1 OFFSET 1`,
    )) as Array<{ seq: number; id: string }>;
    await registry.handle.dataSource.query(`UPDATE audit_entry SET summary = 'Recorded 12 domestic premises' WHERE id = $1`, [target!.id]);

    const live = await verifyDatabase(url);
    console.log(formatVerdict('party-registry (live, tampered)', live));
    expect(live.ok).toBe(false);
    expect(live.failure).toMatchObject({ seq: target!.seq, table: 'audit_entry', key: target!.id });

    const dump = join(dir, 'tampered.dump');
    execFileSync('pg_dump', ['--no-owner', '-Fc', '-f', dump, url]);
    expect((await verifyDump(dump)).failure).toMatchObject({ seq: target!.seq, table: 'audit_entry' });
  });

  it('names a chain entry rewritten in place (its content no longer hashes to its content hash)', async () => {
    const ds = registry.handle.dataSource;
    await ds.query(`UPDATE record_entry SET content = jsonb_set(content, '{row,summary}', '"rewritten"') WHERE seq = 1`);
    expect((await verifyDatabase(url)).failure).toMatchObject({ seq: 1, reason: expect.stringMatching(/content does not hash/) });
  });
});
