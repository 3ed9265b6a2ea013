import { GraphQLError } from 'graphql';
import { SignJWT, base64url } from 'jose';
import {
  LOCAL_DEV_JWT_SECRET,
  authConfigFromEnv,
  authenticateBearer,
  createTokenVerifier,
  signLocalToken,
  type Caller,
} from './index';

const secret = new TextEncoder().encode(LOCAL_DEV_JWT_SECRET);
// As outside development: exp and iat required, 30 s of clock skew.
const STRICT = { SEC_ASSURE_DEV: 'true', AUTH_REQUIRE_TOKEN_LIFETIME: 'true', AUTH_CLOCK_SKEW_SECONDS: '30' };
const verifier = createTokenVerifier(authConfigFromEnv(STRICT));
const admin: Caller = { sub: 'alice', roles: ['SECAS_ADMIN'], partyId: null };

function token(claims: Record<string, unknown>, expiresIn: string | number = '5m', key: Uint8Array = secret): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn).sign(key);
}

async function unauthenticatedMessage(header: string | undefined): Promise<string> {
  try {
    await authenticateBearer(header, verifier);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('UNAUTHENTICATED');
    return (error as GraphQLError).message;
  }
  throw new Error('expected UNAUTHENTICATED');
}

describe('authenticateBearer with HS256', () => {
  it('accepts a valid token and returns the caller', async () => {
    const jwt = await signLocalToken(admin, { secret: LOCAL_DEV_JWT_SECRET, ttlSeconds: 60 });
    await expect(authenticateBearer(`Bearer ${jwt}`, verifier)).resolves.toEqual(admin);
  });

  it('accepts a PARTY_USER with its partyId, and the scheme in any case', async () => {
    const jwt = await token({ sub: 'bob', roles: ['PARTY_USER'], partyId: 'p-1' });
    await expect(authenticateBearer(`bearer ${jwt}`, verifier)).resolves.toEqual({ sub: 'bob', roles: ['PARTY_USER'], partyId: 'p-1' });
  });

  it('refuses a missing header', async () => {
    expect(await unauthenticatedMessage(undefined)).toMatch(/missing Authorization header/);
    expect(await unauthenticatedMessage('  ')).toMatch(/missing Authorization header/);
  });

  it('refuses a header that is not a bearer token', async () => {
    expect(await unauthenticatedMessage('Basic YWxpY2U6c2VjcmV0')).toMatch(/malformed Authorization header/);
    expect(await unauthenticatedMessage('Bearer')).toMatch(/malformed Authorization header/);
  });

  it('refuses a malformed token', async () => {
    expect(await unauthenticatedMessage('Bearer not-a-jwt')).toBe('token is malformed');
    expect(await unauthenticatedMessage('Bearer a.b.c')).toBe('token is malformed');
  });

  it('refuses an expired token', async () => {
    const jwt = await token({ sub: 'alice', roles: ['SECAS_ADMIN'] }, Math.floor(Date.now() / 1000) - 60);
    expect(await unauthenticatedMessage(`Bearer ${jwt}`)).toBe('token has expired');
  });

  it('refuses a token without expiry', async () => {
    const jwt = await new SignJWT({ sub: 'alice', roles: ['SECAS_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(secret);
    expect(await unauthenticatedMessage(`Bearer ${jwt}`)).toMatch(/claim "exp"/);
  });

  it('refuses a token signed with another secret, without echoing secret or token', async () => {
    const jwt = await token({ sub: 'alice', roles: ['SECAS_ADMIN'] }, '5m', new TextEncoder().encode('another-secret-another-secret-xx'));
    const message = await unauthenticatedMessage(`Bearer ${jwt}`);
    expect(message).toBe('token signature is invalid');
    expect(message).not.toContain(LOCAL_DEV_JWT_SECRET);
    expect(message).not.toContain(jwt);
  });

  it("refuses alg 'none'", async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(JSON.stringify({ sub: 'mallory', roles: ['SECAS_ADMIN'], exp: Math.floor(Date.now() / 1000) + 600 }));
    expect(await unauthenticatedMessage(`Bearer ${header}.${payload}.`)).toBe('token signing algorithm is not accepted');
  });

  it('refuses an algorithm other than the configured one', async () => {
    const jwt = await new SignJWT({ sub: 'alice', roles: ['SECAS_ADMIN'] })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(LOCAL_DEV_JWT_SECRET.repeat(2)));
    expect(await unauthenticatedMessage(`Bearer ${jwt}`)).toBe('token signing algorithm is not accepted');
  });

  it.each([
    [{ roles: ['SECAS_ADMIN'] }, /claim "sub"/],
    [{ sub: '', roles: ['SECAS_ADMIN'] }, /"sub" must be a non-empty string/],
    [{ sub: 'a' }, /"roles" must be an array/],
    [{ sub: 'a', roles: 'SECAS_ADMIN' }, /"roles" must be an array/],
    [{ sub: 'a', roles: ['SECAS_ADMIN', 'ROOT'] }, /unknown roles: "ROOT"/],
    [{ sub: 'a', roles: ['PARTY_USER'] }, /"partyId" is required for role PARTY_USER/],
    [{ sub: 'a', roles: ['PARTY_USER'], partyId: 42 }, /"partyId" must be a non-empty string/],
  ])('refuses bad claims %j', async (claims, message) => {
    expect(await unauthenticatedMessage(`Bearer ${await token(claims)}`)).toMatch(message);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = createTokenVerifier(authConfigFromEnv({ SEC_ASSURE_DEV: 'true', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'sec-assure' }));
    const good = await signLocalToken(admin, { secret: LOCAL_DEV_JWT_SECRET, ttlSeconds: 60, issuer: 'https://idp.example', audience: 'sec-assure' });
    const wrongIssuer = await signLocalToken(admin, { secret: LOCAL_DEV_JWT_SECRET, ttlSeconds: 60, issuer: 'https://evil.example', audience: 'sec-assure' });
    await expect(authenticateBearer(`Bearer ${good}`, strict)).resolves.toEqual(admin);
    await expect(authenticateBearer(`Bearer ${wrongIssuer}`, strict)).rejects.toThrow(/claim "iss" is invalid/);
  });

  it('ISSUE-11-4: refuses a token issued longer ago than the maximum token age', async () => {
    const aged = createTokenVerifier(authConfigFromEnv({ ...STRICT, AUTH_MAX_TOKEN_AGE_SECONDS: '600' }));
    const now = Math.floor(Date.now() / 1000);
    const old = await new SignJWT({ sub: 'alice', roles: ['SECAS_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 3600).setExpirationTime(now + 60).sign(secret);
    await expect(authenticateBearer(`Bearer ${old}`, aged)).rejects.toThrow('token has expired');
  });

  it('ISSUE-11-4: refuses a token minted to live longer than the maximum token age', async () => {
    const aged = createTokenVerifier(authConfigFromEnv({ ...STRICT, AUTH_MAX_TOKEN_AGE_SECONDS: '600' }));
    const forever = await token({ sub: 'alice', roles: ['SECAS_ADMIN'] }, '3650d');
    await expect(authenticateBearer(`Bearer ${forever}`, aged)).rejects.toThrow(/lifetime exceeds the maximum of 600 seconds/);
  });

  it('ISSUE-11-4: refuses a token without "iat" (its age cannot be known)', async () => {
    const jwt = await new SignJWT({ sub: 'alice', roles: ['SECAS_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(secret);
    await expect(authenticateBearer(`Bearer ${jwt}`, verifier)).rejects.toThrow(/claim "iat"/);
  });

  it('ISSUE-11-4: tolerates clock skew only up to the configured bound', async () => {
    const now = Math.floor(Date.now() / 1000);
    const justExpired = await new SignJWT({ sub: 'alice', roles: ['SECAS_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 120).setExpirationTime(now - 10).sign(secret);
    await expect(authenticateBearer(`Bearer ${justExpired}`, verifier)).resolves.toMatchObject({ sub: 'alice' });
    const longExpired = await new SignJWT({ sub: 'alice', roles: ['SECAS_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 120).setExpirationTime(now - 60).sign(secret);
    await expect(authenticateBearer(`Bearer ${longExpired}`, verifier)).rejects.toThrow('token has expired');
  });
});

describe("authenticateBearer in development, with the contract's claims alone (contract README §2)", () => {
  const contractDefault = createTokenVerifier(authConfigFromEnv({ SEC_ASSURE_DEV: 'true' }));
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);

  it('§2: accepts a token of sub, roles and partyId only (no exp, no iat), as a tester mints one', async () => {
    await expect(authenticateBearer(`Bearer ${await sign({ sub: 'tester', roles: ['SECAS_ADMIN'] })}`, contractDefault)).resolves.toEqual({
      sub: 'tester',
      roles: ['SECAS_ADMIN'],
      partyId: null,
    });
  });

  it('§2: still refuses an expired one at once (no skew on one clock), and one issued longer ago than the maximum age', async () => {
    await expect(authenticateBearer(`Bearer ${await sign({ sub: 'tester', roles: ['SECAS_ADMIN'], exp: now - 5 })}`, contractDefault)).rejects.toThrow('token has expired');
    await expect(authenticateBearer(`Bearer ${await sign({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now - 13 * 3600 })}`, contractDefault)).rejects.toThrow('token has expired');
    await expect(authenticateBearer(`Bearer ${await sign({ roles: ['SECAS_ADMIN'] })}`, contractDefault)).rejects.toThrow(/claim "sub"/);
  });

  it('ISSUE-11-4: outside development exp and iat stay required whatever AUTH_REQUIRE_TOKEN_LIFETIME says', () => {
    const production = { AUTH_JWT_SECRET: 'x'.repeat(40), AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'sec-assure' };
    expect(authConfigFromEnv({ ...production, AUTH_REQUIRE_TOKEN_LIFETIME: 'false' })).toMatchObject({ lifetimeRequired: true, clockSkewSeconds: 30 });
    expect(authConfigFromEnv({ SEC_ASSURE_DEV: 'true' })).toMatchObject({ lifetimeRequired: false, clockSkewSeconds: 0 });
  });
});
