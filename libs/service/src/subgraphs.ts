// The one table of subgraphs: name, local port and database. Configs, the gateway, the composition
// and `npm start` read it; docker-compose.yml and README.md cannot, so subgraphs.spec.ts ties them.

export const SUBGRAPHS = [
  { name: 'party-registry', port: 4001, database: 'party_registry' },
  { name: 'assessment-scheduling', port: 4002, database: 'assessment_scheduling' },
  { name: 'report-distribution', port: 4003, database: 'report_distribution' },
  { name: 'ssc-membership', port: 4004, database: 'ssc_membership' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** `party-registry` -> `PARTY_REGISTRY`, the prefix of a service's variables. */
export const envPrefixOf = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** The local defaults of one subgraph (port, database name). */
export function subgraphDefaults(name: SubgraphName): { port: number; database: string } {
  const found = SUBGRAPHS.find((s) => s.name === name);
  if (!found) throw new Error(`Unknown subgraph ${name}`);
  return { port: found.port, database: found.database };
}

/** The URL a subgraph answers on locally. */
export const localSubgraphUrl = (port: number, host = '127.0.0.1'): string => `http://${host}:${port}/graphql`;
