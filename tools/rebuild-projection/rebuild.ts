/**
 * Rebuilds one service's projection of the other services' topics, then exits:
 *   npx tsx tools/rebuild-projection/rebuild.ts <service>     (Nx: npx nx run <service>:rebuild-projection)
 * Safe while the service runs; reads the same settings as the service (PG*, <SERVICE>_DB_NAME, KAFKA_*).
 */
import { rebuildServiceProjection } from './rebuild-service';
import { PROJECTING_SERVICES } from './services';

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const service = PROJECTING_SERVICES[name];
  if (service === undefined) {
    console.error(`usage: npx tsx tools/rebuild-projection/rebuild.ts <${Object.keys(PROJECTING_SERVICES).join('|')}>`);
    process.exit(2);
  }
  const result = await rebuildServiceProjection(name, service);
  console.log(`${name}: projection rebuilt up to ${JSON.stringify(result.highWatermarks)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`projection rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
