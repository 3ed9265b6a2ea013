// party-registry on the shared in-process harness (libs/testing), for specs written against its
// earlier name: the same service definition, plus the tables a refused change must leave alone.
import { ADMIN, CIO, SSC, partyUser, startSubgraphHarness, type SubgraphHarness } from '@sec-assure/testing';
import { partyRegistryService } from '../app';
import { loadConfig } from '../config';

export { ADMIN, CIO, SSC, partyUser };
export type { GqlResult } from '@sec-assure/testing';

// Not the projection of report-distribution's events: its consumer writes it whenever they arrive.
export const REGISTRY_TABLES = ['party', 'domestic_premises', 'shared_resource', 'engagement', 'audit_entry', 'outbox_message', 'party_role_change'];

export interface TestRegistry extends Omit<SubgraphHarness, 'counts'> {
  handle: Pick<SubgraphHarness, 'dataSource' | 'logger'>;
  /** Rows per table of REGISTRY_TABLES. */
  counts(): Promise<Record<string, number>>;
}

export async function startTestRegistry(): Promise<TestRegistry> {
  const harness = await startSubgraphHarness('party-registry', partyRegistryService(loadConfig()));
  return { ...harness, handle: { dataSource: harness.dataSource, logger: harness.logger }, counts: () => harness.counts(REGISTRY_TABLES) };
}
