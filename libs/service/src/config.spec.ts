import { generateInternalIdentityKeyPair } from '@sec-assure/auth';
import { StartRefusedError, assertStartable, readServiceConfig } from './config';

const read = (env: NodeJS.ProcessEnv) => readServiceConfig('party-registry', { port: 4001, database: 'party_registry' }, env);

describe('readServiceConfig: fail closed (ISSUE-11-3)', () => {
  it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'Production' }, { NODE_ENV: 'prod' }, { NODE_ENV: 'staging' }])(
    'ISSUE-11-3: without SEC_ASSURE_DEV=true and without a real key (%j) the start is refused, naming the variable',
    (env) => {
      const config = read(env);
      expect(config.developmentMode).toBe(false);
      expect(config.identityKey).toBeNull();
      expect(() => assertStartable(config)).toThrow(StartRefusedError);
      expect(() => assertStartable(config)).toThrow(/party-registry refuses to start:\n {2}- INTERNAL_IDENTITY_PUBLIC_KEY is not set/);
    },
  );

  it('ISSUE-11-3: starts with the development switch on a loopback address', () => {
    const config = read({ SEC_ASSURE_DEV: 'true' });
    expect(config).toMatchObject({ developmentMode: true, bindHost: '127.0.0.1', refusals: [] });
    expect(config.identityKey?.isDevelopmentKey).toBe(true);
    expect(() => assertStartable(config)).not.toThrow();
    expect(read({ SEC_ASSURE_DEV: 'true', BIND_HOST: '::1' }).refusals).toEqual([]);
  });

  it('ISSUE-11-3: refuses the development switch on a public bind address', () => {
    expect(() => assertStartable(read({ SEC_ASSURE_DEV: 'true', BIND_HOST: '0.0.0.0' }))).toThrow(/BIND_HOST="0.0.0.0" is not a loopback address/);
  });

  it('ISSUE-11-3: starts without the switch when a real key is configured, on any address', () => {
    const { publicKeyPem } = generateInternalIdentityKeyPair();
    const config = read({ INTERNAL_IDENTITY_PUBLIC_KEY: publicKeyPem, BIND_HOST: '0.0.0.0' });
    expect(config.refusals).toEqual([]);
    expect(config.identityKey?.isDevelopmentKey).toBe(false);
  });

  it('ISSUE-11-3: refuses an ambiguous switch value', () => {
    expect(read({ SEC_ASSURE_DEV: 'yes' }).refusals.join()).toMatch(/SEC_ASSURE_DEV="yes" is not valid/);
  });
});

describe('readServiceConfig: KAFKA_SESSION_TIMEOUT_MS (issue 12, scale-out)', () => {
  it("keeps kafkajs' 30 s by default and takes a shorter one, so a crashed replica's partitions move sooner", () => {
    expect(read({ SEC_ASSURE_DEV: 'true' }).kafka.sessionTimeoutMs).toBe(30_000);
    expect(read({ SEC_ASSURE_DEV: 'true', KAFKA_SESSION_TIMEOUT_MS: '6000' }).kafka.sessionTimeoutMs).toBe(6000);
  });

  it("refuses a value below the broker's default minimum (6 s), naming the variable", () => {
    expect(() => read({ SEC_ASSURE_DEV: 'true', KAFKA_SESSION_TIMEOUT_MS: '1000' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS="1000" is not valid/);
  });
});
