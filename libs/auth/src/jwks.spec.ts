import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { authConfigFromEnv, authenticateBearer, createTokenVerifier, type TokenVerifier } from './index';

// A local identity provider: an RS256 key pair whose public half is served as a JWKS over HTTP.
describe('authenticateBearer with an RS256 JWKS', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let privateKey: CryptoKey;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      jwksRequests += 1;
      if (req.url !== '/.well-known/jwks.json') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    verifier = createTokenVerifier(authConfigFromEnv({ SEC_ASSURE_DEV: 'true', AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` }));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function sign(key: CryptoKey, kid: string): Promise<string> {
    return new SignJWT({ roles: ['SSC_MEMBER'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('carol')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  }

  it('accepts a token signed by the published key, fetching the key set once', async () => {
    const jwt = await sign(privateKey, 'key-1');
    await expect(authenticateBearer(`Bearer ${jwt}`, verifier)).resolves.toEqual({ sub: 'carol', roles: ['SSC_MEMBER'], partyId: null });
    await expect(authenticateBearer(`Bearer ${jwt}`, verifier)).resolves.toMatchObject({ sub: 'carol' });
    expect(jwksRequests).toBe(1);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const stranger = await generateKeyPair('RS256');
    await expect(authenticateBearer(`Bearer ${await sign(stranger.privateKey, 'key-1')}`, verifier)).rejects.toThrow('token signature is invalid');
    await expect(authenticateBearer(`Bearer ${await sign(stranger.privateKey, 'key-2')}`, verifier)).rejects.toThrow('token was signed with an unknown key');
  });

  it('refuses an HS256 token even if it is signed with the local secret', async () => {
    const jwt = await new SignJWT({ roles: ['SECAS_ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('sec-assure-local-development-secret-change-me'));
    await expect(authenticateBearer(`Bearer ${jwt}`, verifier)).rejects.toThrow('token signing algorithm is not accepted');
  });
});
