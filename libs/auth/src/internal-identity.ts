import { randomUUID, type KeyObject } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import type { JWTPayload } from 'jose';
import { callerFromClaims } from './claims';
import { unauthenticated } from './errors';
import { operationDigest, subgraphAudience, type OperationBinding, type ReplayGuard } from './internal-identity-binding';
import type { InternalIdentitySigningKey, InternalIdentityVerificationKey } from './internal-identity-keys';
import type { Caller } from './roles';

/** HTTP header the gateway sets on every subgraph request. */
export const INTERNAL_IDENTITY_HEADER = 'x-sec-assure-identity';

/** Short enough that a token lifted from a log is useless soon after; long enough for one request. */
export const INTERNAL_IDENTITY_TTL_SECONDS = 60;

const ISSUER = 'sec-assure-gateway';
const TOKEN_TYPE = 'sec-assure-identity+jwt';
const ALGORITHM = 'EdDSA';
const CLOCK_TOLERANCE_SECONDS = 5;

export interface InternalIdentity {
  caller: Caller;
  correlationId: string;
  /** The topics' ends the gateway read after the client's request arrived, when it had them. */
  topicEnds?: TopicEnds;
}

/**
 * Each topic's end (its high watermark) per partition, by partition number: what a subgraph's
 * projections must have read before it answers, for read-your-writes without asking the broker.
 */
export type TopicEnds = Readonly<Record<string, readonly number[]>>;

/** Which subgraph, and which request to it, an identity is signed for. */
export interface IdentityBinding {
  /** The subgraph's name, e.g. `party-registry`. */
  subgraph: string;
  operation: OperationBinding;
}

/** What the gateway may add to an identity beyond its binding. */
export interface IdentityExtras {
  topicEnds?: TopicEnds;
}

// fast-jwt rather than jose here: it signs and verifies with node:crypto in the calling thread
// (about 0.04 ms to sign and 0.09 ms to verify, against 0.13 and 0.16 ms CPU for jose's WebCrypto
// jobs), and a subgraph call pays both. Signers and verifiers are built once per key (and audience).
type Signer = (payload: Record<string, unknown>) => string;
type Verifier = (token: string) => JWTPayload;
const signers = new WeakMap<KeyObject, Signer>();
const verifiers = new WeakMap<KeyObject, Map<string, Verifier>>();

function signerFor(key: KeyObject): Signer {
  let signer = signers.get(key);
  if (!signer) {
    signer = createSigner({
      key: key.export({ format: 'pem', type: 'pkcs8' }).toString(),
      algorithm: ALGORITHM,
      header: { alg: ALGORITHM, typ: TOKEN_TYPE },
      iss: ISSUER,
      expiresIn: INTERNAL_IDENTITY_TTL_SECONDS * 1000,
    }) as Signer;
    signers.set(key, signer);
  }
  return signer;
}

function verifierFor(key: KeyObject, audience: string): Verifier {
  let byAudience = verifiers.get(key);
  if (!byAudience) verifiers.set(key, (byAudience = new Map()));
  let verifier = byAudience.get(audience);
  if (!verifier) {
    verifier = createVerifier({
      key: key.export({ format: 'pem', type: 'spki' }).toString(),
      algorithms: [ALGORITHM],
      allowedIss: ISSUER,
      allowedAud: audience,
      checkTyp: TOKEN_TYPE,
      requiredClaims: ['exp', 'iat', 'sub', 'cid', 'jti', 'op'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS * 1000,
      maxAge: (INTERNAL_IDENTITY_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000,
    }) as Verifier;
    byAudience.set(audience, verifier);
  }
  return verifier;
}

/**
 * Gateway side: vouches for an already verified caller towards one subgraph, for one operation.
 * The token carries a unique id (`jti`), the subgraph as audience and a digest of the operation
 * (`op`), so it cannot be replayed, sent to another subgraph or reused for another query.
 */
export async function signInternalIdentity(
  caller: Caller,
  correlationId: string,
  signingKey: InternalIdentitySigningKey,
  binding: IdentityBinding,
  extras: IdentityExtras = {},
): Promise<string> {
  return signerFor(signingKey.key)({
    ...(extras.topicEnds ? { ends: extras.topicEnds } : {}),
    roles: caller.roles,
    partyId: caller.partyId,
    cid: correlationId,
    op: operationDigest(binding.operation),
    sub: caller.sub,
    aud: subgraphAudience(binding.subgraph),
    jti: randomUUID(),
  });
}

const refused = (reason: string): Error => unauthenticated(`internal identity ${reason}: requests must come through the gateway`);

/**
 * Subgraph side: accepts only identities the gateway signed for this subgraph and this very
 * operation, once. Anything else means the request did not come through the gateway (or was
 * altered or replayed), so the subgraph must refuse it.
 */
export async function verifyInternalIdentity(
  token: string | string[] | null | undefined,
  verificationKey: InternalIdentityVerificationKey,
  expected: IdentityBinding,
  replayGuard?: ReplayGuard,
): Promise<InternalIdentity> {
  if (typeof token !== 'string' || token.trim() === '') {
    throw unauthenticated(`missing ${INTERNAL_IDENTITY_HEADER} header: requests must come through the gateway`);
  }
  let payload: JWTPayload;
  try {
    payload = verifierFor(verificationKey.key, subgraphAudience(expected.subgraph))(token.trim());
  } catch (error) {
    if (error instanceof TokenError) throw refused(error.code === TokenError.codes.expired ? 'is expired' : 'is invalid');
    throw error;
  }
  const now = Math.floor(Date.now() / 1000);
  // Issued in the future means a forged or mis-clocked token (jose refused it too).
  if (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_TOLERANCE_SECONDS) throw refused('is invalid');
  const { cid, op, jti, exp } = payload;
  if (typeof cid !== 'string' || cid === '') throw refused('has no correlation id');
  if (op !== operationDigest(expected.operation)) throw refused('was signed for another operation');
  if (replayGuard && !replayGuard.firstUse(String(jti), exp ?? 0)) throw refused('was already used');
  const topicEnds = topicEndsOf(payload.ends);
  return { caller: callerFromClaims(payload), correlationId: cid, ...(topicEnds ? { topicEnds } : {}) };
}

/** The `ends` claim when it has the expected shape; anything else counts as absent (the subgraph then asks the broker itself). */
function topicEndsOf(claim: unknown): TopicEnds | undefined {
  if (claim === null || typeof claim !== 'object' || Array.isArray(claim)) return undefined;
  for (const ends of Object.values(claim)) {
    if (!Array.isArray(ends) || !ends.every((end) => Number.isSafeInteger(end) && (end as number) >= 0)) return undefined;
  }
  return claim as TopicEnds;
}
