import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { INTERNAL_IDENTITY_HEADER, internalIdentitySigningKeyFromEnv, LOCAL_DEV_JWT_SECRET, signInternalIdentity, signLocalToken, type Caller } from '@sec-assure/auth';

export interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export const ADMIN: Caller = { sub: 'scale-out-admin', roles: ['SECAS_ADMIN'], partyId: null };
export const CIO: Caller = { sub: 'scale-out-cio', roles: ['USER_CIO'], partyId: null };

async function post(pool: Pool, path: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.body.text();
  try {
    return { status: response.statusCode, ...(JSON.parse(text) as Omit<Answer, 'status'>) };
  } catch {
    return { status: response.statusCode, errors: [{ message: text.slice(0, 200) }] };
  }
}

/** A client of the gateway with a bearer token per caller (minted locally with the development secret). */
export class GatewayClient {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(url: string, connections = 16) {
    const target = new URL(url);
    this.pool = new Pool(target.origin, { connections });
    this.path = target.pathname;
  }

  private token(caller: Caller): Promise<string> {
    let token = this.tokens.get(caller.sub);
    if (token === undefined) {
      token = signLocalToken(caller, { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 3600 });
      this.tokens.set(caller.sub, token);
    }
    return token;
  }

  async send(query: string, variables: Record<string, unknown>, caller: Caller = ADMIN): Promise<Answer> {
    return post(this.pool, this.path, { authorization: `Bearer ${await this.token(caller)}` }, query, variables);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Straight to one replica of a subgraph, with the identity the gateway would sign for this very
 * operation: the way to ask a chosen replica rather than whichever the gateway picks.
 */
export async function askReplica(url: string, subgraph: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const key = internalIdentitySigningKeyFromEnv({ SEC_ASSURE_DEV: 'true' });
  const identity = await signInternalIdentity(ADMIN, randomUUID(), key, { subgraph, operation: { query, variables } });
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: 1 });
  try {
    return await post(pool, target.pathname, { [INTERNAL_IDENTITY_HEADER]: identity }, query, variables);
  } finally {
    await pool.close();
  }
}
