import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { DEV_SWITCH, isDevelopmentMode, readVar, type Env } from './env';

/**
 * Seed of the development key pair for internal identity tokens. Public on purpose, like the local
 * JWT secret: local runs work without configuration, and only SEC_ASSURE_DEV=true accepts it.
 */
export const DEV_INTERNAL_IDENTITY_SEED = 'sec-assure-local-development-internal-identity-seed';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Held by the gateway only: whoever has it can speak for any caller to every subgraph. */
export interface InternalIdentitySigningKey {
  readonly use: 'sign';
  readonly key: KeyObject;
  readonly isDevelopmentKey: boolean;
}

/** Held by subgraphs: can check identity tokens, cannot create them. */
export interface InternalIdentityVerificationKey {
  readonly use: 'verify';
  readonly key: KeyObject;
  readonly isDevelopmentKey: boolean;
}

export class InternalIdentityKeyError extends Error {
  override readonly name = 'InternalIdentityKeyError';
}

function developmentPrivateKey(): KeyObject {
  const seed = createHash('sha256').update(DEV_INTERNAL_IDENTITY_SEED).digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

const DEV_PUBLIC_KEY_DER = createPublicKey(developmentPrivateKey()).export({ format: 'der', type: 'spki' });

function isDevelopmentPublicKey(publicKey: KeyObject): boolean {
  return DEV_PUBLIC_KEY_DER.equals(publicKey.export({ format: 'der', type: 'spki' }));
}

function assertEd25519(key: KeyObject, variable: string): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InternalIdentityKeyError(`${variable} must be an Ed25519 key (found ${key.asymmetricKeyType ?? 'unknown'}).`);
  }
}

/** Outside development the public development key would let anyone speak for any caller. */
function refuseOutsideDevelopment(env: Env, variable: string, isDevelopmentKey: boolean): void {
  if (isDevelopmentKey && !isDevelopmentMode(env)) {
    throw new InternalIdentityKeyError(
      `${variable} is not set or is the public development key (without ${DEV_SWITCH}=true): ` +
        'generate a key pair with `npx tsx tools/token/identity-keys.ts` and set it.',
    );
  }
}

/** The gateway's key, from INTERNAL_IDENTITY_PRIVATE_KEY (PKCS#8 PEM); the development key when unset (development only). */
export function internalIdentitySigningKeyFromEnv(env: Env = process.env): InternalIdentitySigningKey {
  const variable = 'INTERNAL_IDENTITY_PRIVATE_KEY';
  const pem = readVar(env, variable);
  let key: KeyObject;
  try {
    key = pem === undefined ? developmentPrivateKey() : createPrivateKey({ key: unescapeNewlines(pem), format: 'pem' });
  } catch {
    throw new InternalIdentityKeyError(`${variable} is not a PKCS#8 PEM private key.`);
  }
  assertEd25519(key, variable);
  const isDevelopmentKey = isDevelopmentPublicKey(createPublicKey(key));
  refuseOutsideDevelopment(env, variable, isDevelopmentKey);
  return { use: 'sign', key, isDevelopmentKey };
}

/** A subgraph's key, from INTERNAL_IDENTITY_PUBLIC_KEY (SPKI PEM); the development key when unset (development only). */
export function internalIdentityVerificationKeyFromEnv(env: Env = process.env): InternalIdentityVerificationKey {
  const variable = 'INTERNAL_IDENTITY_PUBLIC_KEY';
  const pem = readVar(env, variable);
  let key: KeyObject;
  try {
    key = pem === undefined ? createPublicKey(developmentPrivateKey()) : createPublicKey({ key: unescapeNewlines(pem), format: 'pem' });
  } catch {
    throw new InternalIdentityKeyError(`${variable} is not an SPKI PEM public key.`);
  }
  assertEd25519(key, variable);
  const isDevelopmentKey = isDevelopmentPublicKey(key);
  refuseOutsideDevelopment(env, variable, isDevelopmentKey);
  return { use: 'verify', key, isDevelopmentKey };
}

/** A fresh key pair, as PEM text ready for the two environment variables. */
export function generateInternalIdentityKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** Env files and container platforms often carry PEM on one line with literal "\n". */
function unescapeNewlines(pem: string): string {
  return pem.replace(/\\n/g, '\n');
}
