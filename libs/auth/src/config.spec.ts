import { AuthConfigError, DEFAULT_MAX_TOKEN_AGE_SECONDS, LOCAL_DEV_JWT_SECRET, authConfigFromEnv } from './index';

const STRONG = 'a-private-random-secret-of-sufficient-length';
const DEV = { SEC_ASSURE_DEV: 'true' };
const IDP = { AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'sec-assure' };

function problems(env: Record<string, string | undefined>): string {
  try {
    authConfigFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigError);
    return (error as AuthConfigError).message;
  }
  throw new Error('expected AuthConfigError');
}

describe('authConfigFromEnv', () => {
  it('uses the documented local default with the development switch', () => {
    const config = authConfigFromEnv(DEV);
    expect(config.kind).toBe('HS256');
    expect(config.kind === 'HS256' && config.usesLocalDefaultSecret).toBe(true);
    expect(config.kind === 'HS256' && new TextDecoder().decode(config.secret)).toBe(LOCAL_DEV_JWT_SECRET);
    expect(config.maxTokenAgeSeconds).toBe(DEFAULT_MAX_TOKEN_AGE_SECONDS);
  });

  it('reads secret, issuer, audience, token age and clock skew', () => {
    expect(
      authConfigFromEnv({ AUTH_JWT_SECRET: STRONG, ...IDP, AUTH_MAX_TOKEN_AGE_SECONDS: '600', AUTH_CLOCK_SKEW_SECONDS: '10' }),
    ).toMatchObject({ kind: 'HS256', usesLocalDefaultSecret: false, issuer: IDP.AUTH_ISSUER, audience: IDP.AUTH_AUDIENCE, maxTokenAgeSeconds: 600, clockSkewSeconds: 10 });
  });

  it('uses RS256 with an https JWKS URL, issuer and audience', () => {
    const config = authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json', ...IDP });
    expect(config.kind === 'RS256-JWKS' && config.jwksUrl.href).toBe('https://idp.example/.well-known/jwks.json');
  });

  it('refuses both a secret and a JWKS URL', () => {
    expect(problems({ AUTH_JWT_SECRET: STRONG, AUTH_JWKS_URL: 'https://idp.example/jwks', ...IDP })).toMatch(/not both/);
  });

  describe('ISSUE-11-3: without SEC_ASSURE_DEV=true, whatever NODE_ENV says', () => {
    it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'Production' }, { NODE_ENV: 'prod' }, { NODE_ENV: 'staging' }, { NODE_ENV: 'development' }])(
      'ISSUE-11-3: refuses to run on nothing (%j), naming every variable to set',
      (env) => {
        const message = problems(env);
        expect(message).toMatch(/AUTH_JWT_SECRET is not set/);
        expect(message).toMatch(/AUTH_ISSUER is not set/);
        expect(message).toMatch(/AUTH_AUDIENCE is not set/);
      },
    );

    it('ISSUE-11-3: refuses the public local secret, a blank or a short one', () => {
      expect(problems({ AUTH_JWT_SECRET: LOCAL_DEV_JWT_SECRET, ...IDP })).toMatch(/public local default/);
      expect(problems({ AUTH_JWT_SECRET: '   ', ...IDP })).toMatch(/AUTH_JWT_SECRET is not set/);
      expect(problems({ AUTH_JWT_SECRET: 'short', ...IDP })).toMatch(/at least 32 characters/);
    });

    it('ISSUE-11-4: a JWKS URL needs https, an issuer and an audience', () => {
      expect(problems({ AUTH_JWKS_URL: 'http://idp.example/jwks', ...IDP })).toMatch(/https/);
      const message = problems({ AUTH_JWKS_URL: 'https://idp.example/jwks' });
      expect(message).toMatch(/AUTH_ISSUER/);
      expect(message).toMatch(/AUTH_AUDIENCE/);
    });

    it('accepts a private secret with issuer and audience', () => {
      expect(authConfigFromEnv({ AUTH_JWT_SECRET: STRONG, ...IDP }).kind).toBe('HS256');
    });
  });

  it('ISSUE-11-4: bounds the clock skew and the token age', () => {
    expect(problems({ ...DEV, AUTH_CLOCK_SKEW_SECONDS: '3600' })).toMatch(/AUTH_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to 300/);
    expect(problems({ ...DEV, AUTH_MAX_TOKEN_AGE_SECONDS: 'forever' })).toMatch(/AUTH_MAX_TOKEN_AGE_SECONDS/);
  });

  it('refuses an invalid JWKS URL', () => {
    expect(problems({ ...DEV, AUTH_JWKS_URL: 'not a url' })).toMatch(/not a valid URL/);
  });
});
