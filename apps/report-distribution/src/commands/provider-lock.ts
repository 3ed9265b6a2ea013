import type { EntityManager } from 'typeorm';

/**
 * Serialises, per provider, an issue about it and the arrival of a user's engagement with it, so
 * that neither misses the other (each would otherwise read before the other commits).
 */
export async function lockProvider(manager: EntityManager, providerPartyId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`report-distribution:provider:${providerPartyId}`]);
}
