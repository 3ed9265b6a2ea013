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
  type Caller,
} from './index';

const caller: Caller = { sub: 'dave', roles: ['PARTY_USER'], partyId: 'party-7' };
const devSigning = internalIdentitySigningKeyFromEnv({});
const devVerification = internalIdentityVerificationKeyFromEnv({});

async function refusal(token: string | undefined, key = devVerification): Promise<string> {
  try {
    await verifyInternalIdentity(token, key);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('UNAUTHENTICATED');
    expect((error as GraphQLError).message).toMatch(/requests must come through the gateway/);
    return (error as GraphQLError).message;
  }
  throw new Error('expected UNAUTHENTICATED');
}

describe('internal identity', () => {
  it('has the agreed header name', () => {
    expect(INTERNAL_IDENTITY_HEADER).toBe('x-sec-assure-identity');
  });

  it('round-trips caller and correlation id, valid for 60 seconds', async () => {
    const token = await signInternalIdentity(caller, 'corr-123', devSigning);
    await expect(verifyInternalIdentity(token, devVerification)).resolves.toEqual({ caller, correlationId: 'corr-123' });
    const { exp, iat } = decodeJwt(token);
    expect((exp ?? 0) - (iat ?? 0)).toBe(60);
  });

  it('uses a deterministic development key pair', () => {
    expect(devSigning.isDevelopmentKey).toBe(true);
    expect(devVerification.isDevelopmentKey).toBe(true);
    const again = internalIdentityVerificationKeyFromEnv({});
    expect(again.key.export({ format: 'der', type: 'spki' })).toEqual(devVerification.key.export({ format: 'der', type: 'spki' }));
  });

  it('refuses a missing identity', async () => {
    expect(await refusal(undefined)).toMatch(/missing x-sec-assure-identity header/);
    expect(await refusal('')).toMatch(/missing/);
  });

  it('refuses a tampered payload', async () => {
    const token = await signInternalIdentity(caller, 'corr-1', devSigning);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), roles: ['SECAS_ADMIN'] })).toString('base64url');
    expect(await refusal(`${header}.${forged}.${signature}`)).toMatch(/invalid/);
  });

  it('refuses an identity signed by another key', async () => {
    const other = generateInternalIdentityKeyPair();
    const otherSigning = internalIdentitySigningKeyFromEnv({ INTERNAL_IDENTITY_PRIVATE_KEY: other.privateKeyPem });
    expect(otherSigning.isDevelopmentKey).toBe(false);
    expect(await refusal(await signInternalIdentity(caller, 'c', otherSigning))).toMatch(/invalid/);
  });

  it('accepts a configured key pair, also with escaped newlines', async () => {
    const pair = generateInternalIdentityKeyPair();
    const signing = internalIdentitySigningKeyFromEnv({ INTERNAL_IDENTITY_PRIVATE_KEY: pair.privateKeyPem.replace(/\n/g, '\\n') });
    const verification = internalIdentityVerificationKeyFromEnv({ INTERNAL_IDENTITY_PUBLIC_KEY: pair.publicKeyPem, NODE_ENV: 'production' });
    const token = await signInternalIdentity(caller, 'c-9', signing);
    await expect(verifyInternalIdentity(token, verification)).resolves.toEqual({ caller, correlationId: 'c-9' });
  });

  it('refuses an expired identity', async () => {
    const token = await new SignJWT({ roles: caller.roles, partyId: caller.partyId, cid: 'c' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'sec-assure-identity+jwt' })
      .setSubject(caller.sub)
      .setIssuer('sec-assure-gateway')
      .setAudience('sec-assure-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 300)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 240)
      .sign(devSigning.key);
    expect(await refusal(token)).toMatch(/expired/);
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
    it('refuses the development keys in production', () => {
      expect(() => internalIdentitySigningKeyFromEnv({ NODE_ENV: 'production' })).toThrow(InternalIdentityKeyError);
      expect(() => internalIdentityVerificationKeyFromEnv({ NODE_ENV: 'production' })).toThrow(/public development key/);
      const devPublicPem = devVerification.key.export({ format: 'pem', type: 'spki' }).toString();
      expect(() => internalIdentityVerificationKeyFromEnv({ NODE_ENV: 'production', INTERNAL_IDENTITY_PUBLIC_KEY: devPublicPem })).toThrow(
        /public development key/,
      );
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
