// Each projecting consumer's tables against a rebuild from the topics: the projection is rebuilt
// into a scratch database (the rebuild tooling, tools/rebuild-projection) and the two compared row
// by row. report-distribution is left out as the rebuild tooling leaves it out: its consumer also
// decides and publishes, so a replay would repeat those decisions.
import type { Client } from 'pg';
import { createServiceDataSource } from '@sec-assure/service';
import { PROJECTING_SERVICES, projectionsRun } from '../../../rebuild-projection/services';
import { rebuildServiceProjection } from '../../../rebuild-projection/rebuild-service';

export interface ProjectionDiff {
  service: string;
  table: string;
  rows: number;
  /** Rows in one and not the other (both directions). */
  diff: number;
  sample?: string;
}

export interface ProjectionTarget {
  pgPort: number;
  brokers: string;
  run: string;
  database: (service: string) => string;
  pg: (database: string) => Client;
}

/**
 * Rows as JSON, without generated surrogate keys (serial or identity columns): a rebuild numbers
 * rows in its own order across partitions, which says nothing about their content.
 */
const rowsOf = async (client: Client, table: string): Promise<string[]> => {
  const generated = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND (column_default LIKE 'nextval(%' OR column_default LIKE '%uuid%' OR is_identity = 'YES')`,
    [table],
  );
  const drop = generated.rows.map((r) => ` - '${r.column_name}'`).join('');
  const result = await client.query<{ row: string }>(`SELECT (to_jsonb(t)${drop})::text AS row FROM ${table} t`);
  return result.rows.map((r) => r.row);
};

function multisetDiff(a: string[], b: string[]): { count: number; sample?: string } {
  const counts = new Map<string, number>();
  for (const r of a) counts.set(r, (counts.get(r) ?? 0) + 1);
  for (const r of b) counts.set(r, (counts.get(r) ?? 0) - 1);
  const differing = [...counts].filter(([, n]) => n !== 0);
  return { count: differing.reduce((sum, [, n]) => sum + Math.abs(n), 0), sample: differing[0]?.[0].slice(0, 300) };
}

export async function compareWithRebuild(target: ProjectionTarget, label: string): Promise<ProjectionDiff[]> {
  const diffs: ProjectionDiff[] = [];
  for (const [name, service] of Object.entries(PROJECTING_SERVICES)) {
    const prefix = name.toUpperCase().replace(/-/g, '_');
    const scratch = `${target.run}_rebuild_${name.replace(/-/g, '_')}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SEC_ASSURE_DEV: 'true',
      LOG_LEVEL: 'warn',
      PGHOST: '127.0.0.1',
      PGPORT: String(target.pgPort),
      KAFKA_BROKERS: target.brokers,
      KAFKA_GROUP_PREFIX: `${target.run}.audit-${label}`,
      [`${prefix}_DB_NAME`]: scratch,
    };
    await rebuildServiceProjection(name, service, { env });
    const config = service.loadConfig(env);
    const metadata = createServiceDataSource({ database: config.database, entities: service.entities, migrations: [] });
    await metadata.initialize();
    const tables = projectionsRun(service, env).flatMap((p) => p.tables(metadata));
    await metadata.destroy();
    const live = target.pg(target.database(name));
    const rebuilt = target.pg(scratch);
    await live.connect();
    await rebuilt.connect();
    try {
      for (const table of tables) {
        const [a, b] = [await rowsOf(live, table), await rowsOf(rebuilt, table)];
        const { count, sample } = multisetDiff(a, b);
        diffs.push({ service: name, table, rows: a.length, diff: count, sample });
      }
    } finally {
      await live.end();
      await rebuilt.end();
    }
    const admin = target.pg('postgres');
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  }
  return diffs;
}
