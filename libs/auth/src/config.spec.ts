import { AuthConfigError, LOCAL_DEV_JWT_SECRET, authConfigFromEnv } from './index';

const STRONG = 'a-private-random-secret-of-sufficient-length';

describe('authConfigFromEnv', () => {
  it('uses the documented local default when nothing is configured', () => {
    const config = authConfigFromEnv({});
    expect(config.kind).toBe('HS256');
    expect(config.kind === 'HS256' && config.usesLocalDefaultSecret).toBe(true);
    expect(config.kind === 'HS256' && new TextDecoder().decode(config.secret)).toBe(LOCAL_DEV_JWT_SECRET);
  });

  it('reads secret, issuer and audience', () => {
    expect(authConfigFromEnv({ AUTH_JWT_SECRET: STRONG, AUTH_ISSUER: 'iss', AUTH_AUDIENCE: 'aud' })).toMatchObject({
      kind: 'HS256',
      usesLocalDefaultSecret: false,
      issuer: 'iss',
      audience: 'aud',
    });
  });

  it('uses RS256 with a JWKS URL', () => {
    const config = authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json', NODE_ENV: 'production' });
    expect(config.kind === 'RS256-JWKS' && config.jwksUrl.href).toBe('https://idp.example/.well-known/jwks.json');
  });

  it('refuses both a secret and a JWKS URL', () => {
    expect(() => authConfigFromEnv({ AUTH_JWT_SECRET: STRONG, AUTH_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/not both/);
  });

  describe('with NODE_ENV=production', () => {
    it.each([
      ['a missing secret', {}],
      ['a blank secret', { AUTH_JWT_SECRET: '   ' }],
      ['the local default secret', { AUTH_JWT_SECRET: LOCAL_DEV_JWT_SECRET }],
    ])('refuses %s', (_label, env) => {
      expect(() => authConfigFromEnv({ ...env, NODE_ENV: 'production' })).toThrow(AuthConfigError);
      expect(() => authConfigFromEnv({ ...env, NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET is missing or is the public local default/);
    });

    it('refuses a short secret', () => {
      expect(() => authConfigFromEnv({ AUTH_JWT_SECRET: 'short', NODE_ENV: 'production' })).toThrow(/at least 32 characters/);
    });

    it('refuses a plain-http JWKS URL', () => {
      expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'http://idp.example/jwks', NODE_ENV: 'production' })).toThrow(/https/);
    });

    it('accepts a private secret', () => {
      expect(authConfigFromEnv({ AUTH_JWT_SECRET: STRONG, NODE_ENV: 'production' }).kind).toBe('HS256');
    });
  });

  it('refuses an invalid JWKS URL', () => {
    expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'not a url' })).toThrow(/not a valid URL/);
  });
});
