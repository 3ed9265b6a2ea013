import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { authConfigFromEnv, authenticateBearer, createTokenVerifier } from '../../libs/auth/src/index';
import { UsageError, assertLocalEnvironment, parseMintArgs, parseTtl } from './mint-args';

describe('mint arguments', () => {
  it('parses role, party, sub and ttl', () => {
    expect(parseMintArgs(['--role', 'PARTY_USER', '--party', 'p-1', '--sub', 'bob', '--ttl', '2h'])).toEqual({
      caller: { sub: 'bob', roles: ['PARTY_USER'], partyId: 'p-1' },
      ttlSeconds: 7_200,
    });
    expect(parseMintArgs(['--role', 'secas_admin,ssc_member'])).toEqual({
      caller: { sub: 'local-secas-admin', roles: ['SECAS_ADMIN', 'SSC_MEMBER'], partyId: null },
      ttlSeconds: 8 * 3_600,
    });
  });

  it.each([
    [[], /--role is required/],
    [['--role', 'ROOT'], /unknown role ROOT/],
    [['--role', 'PARTY_USER'], /--party <id> is required for PARTY_USER/],
    [['--role', 'SECAS_ADMIN', '--party', 'p-1'], /--party applies to PARTY_USER only/],
    [['--role', 'SECAS_ADMIN', '--ttl', 'forever'], /--ttl must look like/],
    [['--role', 'SECAS_ADMIN', '--ttl', '13h'], /at most 12h/],
    [['--role', 'SECAS_ADMIN', '--ttl', '1d'], /at most 12h/],
    [['--role', 'SECAS_ADMIN', '--admin'], /Unknown option '--admin'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseMintArgs(argv)).toThrow(UsageError);
    expect(() => parseMintArgs(argv)).toThrow(message);
  });

  it('parses durations', () => {
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('30m')).toBe(1_800);
    expect(parseTtl('12h')).toBe(43_200);
    expect(() => parseTtl('0h')).toThrow(UsageError);
  });

  it('refuses non-local environments', () => {
    expect(() => assertLocalEnvironment({})).not.toThrow();
    expect(() => assertLocalEnvironment({ AUTH_JWT_SECRET: 'sec-assure-local-development-secret-change-me' })).not.toThrow();
    expect(() => assertLocalEnvironment({ NODE_ENV: 'production' })).toThrow(/not a development environment/);
    expect(() => assertLocalEnvironment({ SEC_ASSURE_DEV: 'false' })).toThrow(/not a development environment/);
    expect(() => assertLocalEnvironment({ AUTH_JWT_SECRET: 'real-secret' })).toThrow(/non-default secret/);
    expect(() => assertLocalEnvironment({ AUTH_JWKS_URL: 'https://idp/jwks' })).toThrow(/AUTH_JWKS_URL/);
  });
});

describe('mint command', () => {
  const tsx = path.join(__dirname, '../../node_modules/.bin/tsx');
  const mint = path.join(__dirname, 'mint.ts');
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' };

  it('prints a token the gateway accepts and a ready Authorization line', async () => {
    const out = execFileSync(tsx, [mint, '--role', 'PARTY_USER', '--party', 'p-9', '--sub', 'erin'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [token, header] = out.trim().split('\n');
    expect(header).toBe(`Authorization: Bearer ${token}`);
    const caller = await authenticateBearer(`Bearer ${token}`, createTokenVerifier(authConfigFromEnv({ SEC_ASSURE_DEV: 'true' })));
    expect(caller).toEqual({ sub: 'erin', roles: ['PARTY_USER'], partyId: 'p-9' });
  }, 30_000);

  it('exits 2 with a clear message on bad arguments or a production environment', () => {
    for (const [args, extraEnv, message] of [
      [['--role', 'NOPE'], {}, /unknown role NOPE/],
      [['--role', 'SECAS_ADMIN'], { NODE_ENV: 'production' }, /refusing to mint/],
    ] as const) {
      let failure: { status: number; stderr: string } | undefined;
      try {
        execFileSync(tsx, [mint, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        failure = error as { status: number; stderr: string };
      }
      expect(failure?.status).toBe(2);
      expect(failure?.stderr).toMatch(message);
    }
  }, 30_000);
});
