import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { serviceEnvVariables, type ServiceConfig } from '@sec-assure/service';
import { loadConfig as partyRegistryConfig } from '../../../apps/party-registry/src/config';
import { loadConfig as assessmentSchedulingConfig } from '../../../apps/assessment-scheduling/src/config';
import { loadConfig as reportDistributionConfig } from '../../../apps/report-distribution/src/config';
import { loadConfig as sscMembershipConfig } from '../../../apps/ssc-membership/src/config';
import { loadConfig as gatewayConfig, SUBGRAPH_DEFAULTS } from '../../../apps/gateway/src/config';

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, unknown>;
}

const root = path.resolve(__dirname, '..', '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const subgraphs: Array<[string, (env: NodeJS.ProcessEnv) => ServiceConfig]> = [
  ['party-registry', partyRegistryConfig],
  ['assessment-scheduling', assessmentSchedulingConfig],
  ['report-distribution', reportDistributionConfig],
  ['ssc-membership', sscMembershipConfig],
];

// Docker does not run on these machines, so the file is checked against the code's own defaults.
describe('docker-compose.yml agrees with the services', () => {
  it('describes exactly PostgreSQL, Kafka, the four subgraphs and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['postgres', 'kafka', 'gateway', ...subgraphs.map(([name]) => name)].sort(),
    );
  });

  it('runs Kafka in KRaft mode from the official image', () => {
    expect(services.kafka!.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it.each(subgraphs)('%s: same port, database, variables and health check as its defaults', (name, load) => {
    const service = services[name]!;
    const env = service.environment ?? {};
    const defaults = load({});
    const inCompose = load(env);
    expect(inCompose.port).toBe(defaults.port);
    expect(inCompose.database.name).toBe(defaults.database.name);
    expect(service.ports).toEqual([`${defaults.port}:${defaults.port}`]);
    expect(inCompose.database.host).toBe('postgres');
    expect(inCompose.kafka.brokers).toEqual(['kafka:29092']);
    for (const variable of Object.keys(env)) expect(serviceEnvVariables(name)).toContain(variable);
    expect(service.command).toEqual(['node', '--import', 'tsx', `apps/${name}/src/main.ts`]);
    expect(service.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${defaults.port}/health`);
    expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['kafka', 'postgres']);
  });

  it('gateway: default port, and every subgraph URL names its compose service on its default port', () => {
    const gateway = services.gateway!;
    const inCompose = gatewayConfig(gateway.environment ?? {});
    expect(inCompose.port).toBe(gatewayConfig({}).port);
    expect(gateway.ports).toEqual([`${inCompose.port}:${inCompose.port}`]);
    for (const { name, url } of SUBGRAPH_DEFAULTS) {
      const defaultPort = new URL(url).port;
      expect(inCompose.subgraphs.find((s) => s.name === name)!.url).toBe(`http://${name}:${defaultPort}/graphql`);
    }
  });
});
