import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { generateInternalIdentityKeyPair } from '@sec-assure/auth';
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
const text = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const subgraphs: Array<[string, (env: NodeJS.ProcessEnv) => ServiceConfig]> = [
  ['party-registry', partyRegistryConfig],
  ['assessment-scheduling', assessmentSchedulingConfig],
  ['report-distribution', reportDistributionConfig],
  ['ssc-membership', sscMembershipConfig],
];

/** What an operator puts in `.env` before `docker compose up`. */
const keys = generateInternalIdentityKeyPair();
const OPERATOR_ENV: Record<string, string> = {
  POSTGRES_PASSWORD: 'a-random-database-password',
  AUTH_JWT_SECRET: 'a-private-random-secret-of-sufficient-length',
  AUTH_ISSUER: 'https://idp.example',
  AUTH_AUDIENCE: 'sec-assure',
  INTERNAL_IDENTITY_PRIVATE_KEY: keys.privateKeyPem,
  INTERNAL_IDENTITY_PUBLIC_KEY: keys.publicKeyPem,
};

/** Compose's `${VAR:-default}` / `${VAR:?message}` substitution, with `given` as the shell; a required one missing throws its message. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, name: string, op: string | undefined, arg: string | undefined) => {
    const set = given[name];
    if (set !== undefined && set !== '') return set;
    if (op === '?') throw new Error(arg ?? `${name} is required`);
    return op === '-' ? (arg ?? '') : '';
  });
}

const environment = (service: ComposeService, given = OPERATOR_ENV): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(String(value), given)]));

// Docker does not run on these machines, so the file is checked against the code's own defaults.
describe('docker-compose.yml agrees with the services', () => {
  it('describes exactly PostgreSQL, Kafka, the four subgraphs and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(['postgres', 'kafka', 'gateway', ...subgraphs.map(([name]) => name)].sort());
  });

  it('runs Kafka in KRaft mode from the official image', () => {
    expect(services.kafka!.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it.each(subgraphs)('%s: same port, database, variables and health check as its defaults; starts with the operator secrets', (name, load) => {
    const service = services[name]!;
    const env = environment(service);
    const defaults = load({});
    const inCompose = load(env);
    expect(inCompose.port).toBe(defaults.port);
    expect(inCompose.database.name).toBe(defaults.database.name);
    expect(inCompose.database.host).toBe('postgres');
    expect(inCompose.database.password).toBe(OPERATOR_ENV.POSTGRES_PASSWORD);
    expect(inCompose.kafka.brokers).toEqual(['kafka:29092']);
    expect(inCompose.kafka.security).toEqual({ ssl: false, sasl: undefined });
    expect(inCompose.refusals).toEqual([]);
    // Another broker's address and credentials come from variables too.
    const external = load(environment(service, { ...OPERATOR_ENV, KAFKA_BROKERS: 'broker.example:9093', KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'pw' }));
    expect(external.kafka).toMatchObject({ brokers: ['broker.example:9093'], security: { ssl: { rejectUnauthorized: true }, sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' } } });
    for (const variable of Object.keys(env)) expect(serviceEnvVariables(name)).toContain(variable);
    // The production build (tools/build), run by plain node: no runtime transpiler in the image.
    expect(service.command).toEqual(['node', `apps/${name}/dist/main.js`]);
    expect(service.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${defaults.port}/health/ready`);
    expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['kafka', 'postgres']);
  });

  it('gateway: default port, and every subgraph URL names its compose service on its default port', () => {
    const inCompose = gatewayConfig(environment(services.gateway!));
    expect(inCompose.port).toBe(4000);
    expect(inCompose.developmentMode).toBe(false);
    expect(inCompose.auth.issuer).toBe(OPERATOR_ENV.AUTH_ISSUER);
    expect(inCompose.topicEnds?.brokers).toEqual(['kafka:29092']);
    for (const { name, url } of SUBGRAPH_DEFAULTS) {
      const defaultPort = new URL(url).port;
      expect(inCompose.subgraphs.find((s) => s.name === name)!.url).toBe(`http://${name}:${defaultPort}/graphql`);
    }
  });
});

describe('docker-compose.yml is closed by default (ISSUE-11-3)', () => {
  it('ISSUE-11-3: publishes only the gateway, on 127.0.0.1 unless GATEWAY_PUBLISH says otherwise', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name !== 'gateway') expect([name, service.ports ?? []]).toEqual([name, []]);
    }
    expect(services.gateway!.ports!.map((port) => interpolate(port, {}))).toEqual(['127.0.0.1:4000:4000']);
    expect(services.gateway!.ports!.map((port) => interpolate(port, { GATEWAY_PUBLISH: '0.0.0.0:8080' }))).toEqual(['0.0.0.0:8080:4000']);
  });

  it('ISSUE-11-3: sets neither NODE_ENV nor the development switch, nor any fixed credential', () => {
    expect(text).not.toMatch(/NODE_ENV|SEC_ASSURE_DEV/);
    expect(fs.readFileSync(path.join(root, 'tools/docker/Dockerfile'), 'utf8')).not.toMatch(/NODE_ENV|SEC_ASSURE_DEV/);
    expect(text).not.toMatch(/PASSWORD: postgres/);
  });

  it.each(['POSTGRES_PASSWORD', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'INTERNAL_IDENTITY_PRIVATE_KEY', 'INTERNAL_IDENTITY_PUBLIC_KEY'])(
    'ISSUE-11-3: refuses to run without %s, saying what to set',
    (variable) => {
      const { [variable]: _omitted, ...rest } = OPERATOR_ENV;
      const who = Object.values(services).filter((service) => Object.values(service.environment ?? {}).some((v) => String(v).includes(`\${${variable}:?`)));
      expect(who.length).toBeGreaterThan(0);
      for (const service of who) expect(() => environment(service, rest)).toThrow(new RegExp(`set ${variable}`));
    },
  );

  it('ISSUE-11-3: the gateway refuses to start without a token secret or JWKS URL', () => {
    const { AUTH_JWT_SECRET: _omitted, ...rest } = OPERATOR_ENV;
    expect(() => gatewayConfig(environment(services.gateway!, rest))).toThrow(/AUTH_JWT_SECRET is not set/);
  });
});
