// The same command in this process, on party-registry's own database (its PG* and
// PARTY_REGISTRY_DB_NAME), for a file larger than the gateway's body limit: progress per chunk.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../apps/party-registry/src/config';
import { entities } from '../../apps/party-registry/src/entities';
import { parsePremisesFile } from '../../apps/party-registry/src/domain/premises-import-file';
import { importPremises, type PremisesImportReport } from '../../apps/party-registry/src/commands/import-premises';
import { formatOf } from './send';

export async function importDirect(file: string, dryRun: boolean, actor: string, log: (line: string) => void): Promise<PremisesImportReport> {
  const { host, port, user, password, name } = loadConfig().database;
  const dataSource = new DataSource({ type: 'postgres', host, port, username: user, password, database: name, entities });
  await dataSource.initialize();
  try {
    const started = Date.now();
    const parsed = await parsePremisesFile(formatOf(file), await readFile(file));
    log(`read ${parsed.rows.length} rows in ${Date.now() - started} ms`);
    const meta = { actor, now: new Date(), correlationId: `import-premises-${randomUUID()}` };
    return await importPremises(dataSource, { ...parsed, dryRun }, meta, (stage, done, total) => log(`${stage} ${done}/${total} (${Date.now() - started} ms)`));
  } finally {
    await dataSource.destroy();
  }
}
