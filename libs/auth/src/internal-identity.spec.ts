import { GraphQLError } from 'graphql';
import { SignJWT, decodeJwt } from 'jose';
import {
  INTERNAL_IDENTITY_HEADER,
  InternalIdentityKeyError,
  generateInternalIdentityKeyPair,
  internalIdentitySigningKeyFromEnv,
  internalIdentityVerificationKeyFromEnv,
  signInternalIdentity,
  verifyInternalIdentity,
  ReplayGuard,
  operationDigest,
  type Caller,
  type IdentityBinding,
} from './index';

const caller: Caller = { sub: 'dave', roles: ['PARTY_USER'], partyId: 'party-7' };
const DEV = { SEC_ASSURE_DEV: 'true' };
const devSigning = internalIdentitySigningKeyFromEnv(DEV);
const devVerification = internalIdentityVerificationKeyFromEnv(DEV);
const operation = { query: 'query ($id: ID!) { party(id: $id) { id name } }', variables: { id: 'party-7' } };
const binding: IdentityBinding = { subgraph: 'party-registry', operation };

async function refusal(token: string | undefined, key = devVerification, expected = binding, guard?: ReplayGuard): Promise<string> {
  try {
    await verifyInternalIdentity(token, key, expected, guard);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('UNAUTHENTICATED');
    expect((error as GraphQLError).message).toMatch(/requests must come through the gateway/);
    return (error as GraphQLError).message;
  }
  throw new Error('expected UNAUTHENTICATED');
}

const IDENTITY_HEADER = { alg: 'EdDSA', typ: 'sec-assure-identity+jwt' };
const now = (): number => Math.floor(Date.now() / 1000);

/** The claims a gateway identity carries, signed here with whatever header, times and key a test needs. */
function forged(header: { alg: string; typ?: string }, issuedAt: number, expiresAt = issuedAt + 60, key: Parameters<SignJWT['sign']>[0] = devSigning.key): Promise<string> {
  return new SignJWT({ roles: caller.roles, partyId: caller.partyId, cid: 'c', op: operationDigest(operation) })
    .setProtectedHeader(header)
    .setSubject(caller.sub)
    .setIssuer('sec-assure-gateway')
    .setAudience('sec-assure-subgraph:party-registry')
    .setJti(`forged-${Math.random()}`)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
}

describe('internal identity', () => {
  it('has the agreed header name', () => {
    expect(INTERNAL_IDENTITY_HEADER).toBe('x-sec-assure-identity');
  });

  it('carries the topics\' ends the gateway read, signed with the rest, and drops a malformed claim', async () => {
    const topicEnds = { 'sec.party-registry.v1': [12, 0, 7] };
    const token = await signInternalIdentity(caller, 'corr-1', devSigning, binding, { topicEnds });
    await expect(verifyInternalIdentity(token, devVerification, binding)).resolves.toEqual({ caller, correlationId: 'corr-1', topicEnds });
    const malformed = await new SignJWT({ roles: caller.roles, partyId: caller.partyId, cid: 'c', op: operationDigest(operation), ends: { 'sec.party-registry.v1': [-1, 'x'] } })
      .setProtectedHeader(IDENTITY_HEADER)
      .setSubject(caller.sub)
      .setIssuer('sec-assure-gateway')
      .setAudience('sec-assure-subgraph:party-registry')
      .setJti('malformed-ends')
      .setIssuedAt(now())
      .setExpirationTime(now() + 60)
      .sign(devSigning.key);
    await expect(verifyInternalIdentity(malformed, devVerification, binding)).resolves.toEqual({ caller, correlationId: 'c' });
  });

  it('round-trips caller and correlation id, valid for 60 seconds', async () => {
    const token = await signInternalIdentity(caller, 'corr-123', devSigning, binding);
    await expect(verifyInternalIdentity(token, devVerification, binding)).resolves.toEqual({ caller, correlationId: 'corr-123' });
    const { exp, iat } = decodeJwt(token);
    expect((exp ?? 0) - (iat ?? 0)).toBe(60);
  });

  it('uses a deterministic development key pair', () => {
    expect(devSigning.isDevelopmentKey).toBe(true);
    expect(devVerification.isDevelopmentKey).toBe(true);
    const again = internalIdentityVerificationKeyFromEnv(DEV);
    expect(again.key.export({ format: 'der', type: 'spki' })).toEqual(devVerification.key.export({ format: 'der', type: 'spki' }));
  });

  it('refuses a missing identity', async () => {
    expect(await refusal(undefined)).toMatch(/missing x-sec-assure-identity header/);
    expect(await refusal('')).toMatch(/missing/);
  });

  it('refuses a tampered payload', async () => {
    const token = await signInternalIdentity(caller, 'corr-1', devSigning, binding);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), roles: ['SECAS_ADMIN'] })).toString('base64url');
    expect(await refusal(`${header}.${forged}.${signature}`)).toMatch(/invalid/);
  });

  it('refuses an identity signed by another key', async () => {
    const other = generateInternalIdentityKeyPair();
    const otherSigning = internalIdentitySigningKeyFromEnv({ INTERNAL_IDENTITY_PRIVATE_KEY: other.privateKeyPem });
    expect(otherSigning.isDevelopmentKey).toBe(false);
    expect(await refusal(await signInternalIdentity(caller, 'c', otherSigning, binding))).toMatch(/invalid/);
  });

  it('accepts a configured key pair, also with escaped newlines', async () => {
    const pair = generateInternalIdentityKeyPair();
    const signing = internalIdentitySigningKeyFromEnv({ INTERNAL_IDENTITY_PRIVATE_KEY: pair.privateKeyPem.replace(/\n/g, '\\n') });
    const verification = internalIdentityVerificationKeyFromEnv({ INTERNAL_IDENTITY_PUBLIC_KEY: pair.publicKeyPem });
    const token = await signInternalIdentity(caller, 'c-9', signing, binding);
    await expect(verifyInternalIdentity(token, verification, binding)).resolves.toEqual({ caller, correlationId: 'c-9' });
  });

  it('refuses an expired identity', async () => {
    expect(await refusal(await forged(IDENTITY_HEADER, now() - 300, now() - 240))).toMatch(/expired/);
  });

  it('refuses a user bearer token presented as an identity', async () => {
    const token = await new SignJWT({ roles: ['SECAS_ADMIN'], cid: 'c' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('mallory')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(devSigning.key);
    expect(await refusal(token)).toMatch(/invalid/);
  });

  describe('key configuration', () => {
    it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'Production' }, { NODE_ENV: 'staging' }, { SEC_ASSURE_DEV: 'false' }])(
      'ISSUE-11-3: refuses the development keys without the development switch (%j), naming the variable',
      (env) => {
        expect(() => internalIdentitySigningKeyFromEnv(env)).toThrow(InternalIdentityKeyError);
        expect(() => internalIdentitySigningKeyFromEnv(env)).toThrow(/INTERNAL_IDENTITY_PRIVATE_KEY is not set or is the public development key/);
        expect(() => internalIdentityVerificationKeyFromEnv(env)).toThrow(/INTERNAL_IDENTITY_PUBLIC_KEY is not set or is the public development key/);
        const devPublicPem = devVerification.key.export({ format: 'pem', type: 'spki' }).toString();
        expect(() => internalIdentityVerificationKeyFromEnv({ ...env, INTERNAL_IDENTITY_PUBLIC_KEY: devPublicPem })).toThrow(/public development key/);
      },
    );

    it('ISSUE-11-3: refuses a development switch that is neither true nor false', () => {
      expect(() => internalIdentityVerificationKeyFromEnv({ SEC_ASSURE_DEV: 'yes' })).toThrow(/SEC_ASSURE_DEV="yes" is not valid/);
    });

    it('refuses garbage and keys of the wrong type', () => {
      expect(() => internalIdentitySigningKeyFromEnv({ INTERNAL_IDENTITY_PRIVATE_KEY: 'nope' })).toThrow(/not a PKCS#8 PEM/);
      expect(() => internalIdentityVerificationKeyFromEnv({ INTERNAL_IDENTITY_PUBLIC_KEY: 'nope' })).toThrow(/not an SPKI PEM/);
      const { generateKeyPairSync } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const rsaPem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      expect(() => internalIdentitySigningKeyFromEnv({ INTERNAL_IDENTITY_PRIVATE_KEY: rsaPem })).toThrow(/must be an Ed25519 key/);
    });
  });
});

describe('internal identity binding (ISSUE-11-4)', () => {
  it('ISSUE-11-4: carries a unique id per signature', async () => {
    const a = decodeJwt(await signInternalIdentity(caller, 'c', devSigning, binding));
    const b = decodeJwt(await signInternalIdentity(caller, 'c', devSigning, binding));
    expect(typeof a.jti).toBe('string');
    expect(a.jti).not.toBe(b.jti);
  });

  it('ISSUE-11-4: is refused by another subgraph', async () => {
    const token = await signInternalIdentity(caller, 'c', devSigning, binding);
    expect(await refusal(token, devVerification, { ...binding, subgraph: 'report-distribution' })).toMatch(/invalid/);
  });

  it('ISSUE-11-4: is refused for another operation or other variables', async () => {
    const token = await signInternalIdentity(caller, 'c', devSigning, binding);
    expect(await refusal(token, devVerification, { ...binding, operation: { ...operation, query: 'mutation { openElection }' } })).toMatch(
      /signed for another operation/,
    );
    expect(await refusal(token, devVerification, { ...binding, operation: { ...operation, variables: { id: 'party-8' } } })).toMatch(
      /signed for another operation/,
    );
  });

  it('ISSUE-11-4: binds variables whatever their key order', async () => {
    const two = { query: 'query ($a: ID!, $b: ID!) { x(a: $a, b: $b) }', variables: { a: '1', b: { y: 2, z: [1, 2] } } };
    const token = await signInternalIdentity(caller, 'c', devSigning, { subgraph: 'party-registry', operation: two });
    const reordered = { query: two.query, variables: { b: { z: [1, 2], y: 2 }, a: '1' } };
    await expect(verifyInternalIdentity(token, devVerification, { subgraph: 'party-registry', operation: reordered })).resolves.toMatchObject({ caller });
  });

  it('ISSUE-11-4: is accepted once only', async () => {
    const guard = new ReplayGuard();
    const token = await signInternalIdentity(caller, 'c', devSigning, binding);
    await expect(verifyInternalIdentity(token, devVerification, binding, guard)).resolves.toMatchObject({ caller });
    expect(await refusal(token, devVerification, binding, guard)).toMatch(/already used/);
  });

  it('ISSUE-11-4: refuses an identity without the binding claims', async () => {
    const token = await new SignJWT({ roles: caller.roles, partyId: caller.partyId, cid: 'c' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'sec-assure-identity+jwt' })
      .setSubject(caller.sub)
      .setIssuer('sec-assure-gateway')
      .setAudience('sec-assure-subgraph:party-registry')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(devSigning.key);
    expect(await refusal(token)).toMatch(/invalid/);
  });
  it('accepts an identity with every claim signed by another EdDSA signer (the format, not the library, is the contract)', async () => {
    await expect(verifyInternalIdentity(await forged(IDENTITY_HEADER, now()), devVerification, binding)).resolves.toMatchObject({ caller, correlationId: 'c' });
  });

  it('refuses an identity of another token type, one issued in the future, and one older than its lifetime', async () => {
    expect(await refusal(await forged({ alg: 'EdDSA', typ: 'JWT' }, now()))).toMatch(/invalid/);
    expect(await refusal(await forged(IDENTITY_HEADER, now() + 120))).toMatch(/invalid/);
    // Still unexpired by its own exp, but issued longer ago than an identity lives.
    expect(await refusal(await forged(IDENTITY_HEADER, now() - 120, now() + 600))).toMatch(/invalid|expired/);
  });

  it('refuses an unsigned identity and one signed with a shared secret (alg none, HS256)', async () => {
    const claims = decodeJwt(await signInternalIdentity(caller, 'c', devSigning, binding));
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'sec-assure-identity+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(await refusal(unsigned)).toMatch(/invalid/);
    expect(await refusal(await forged({ alg: 'HS256', typ: 'sec-assure-identity+jwt' }, now(), undefined, new TextEncoder().encode('a shared secret of enough length for HS256')))).toMatch(/invalid/);
  });
});
