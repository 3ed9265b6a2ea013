import { parseArgs } from 'node:util';
// Relative import: this tool must run as plain `npx tsx tools/token/mint.ts`, without the
// tsconfig path aliases.
import { DEFAULT_MAX_TOKEN_AGE_SECONDS, LOCAL_DEV_JWT_SECRET, ROLES, isRole, type Caller, type Role } from '../../libs/auth/src/index';

export const USAGE = `Mints a local bearer token (HS256, signed with the documented LOCAL development secret).

Usage: npx tsx tools/token/mint.ts --role <ROLE> [--role <ROLE>...] [--party <id>] [--sub <name>] [--ttl <duration>]

  --role   one of ${ROLES.join(', ')} (repeat or comma-separate for several)
  --party  the party a PARTY_USER acts for (required for PARTY_USER, refused otherwise)
  --sub    the person (default: local-<first role in lower case>)
  --ttl    lifetime: <n>s, <n>m, or <n>h, at most 12h: the gateway's default maximum token age (default 8h)
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface MintRequest {
  caller: Caller;
  ttlSeconds: number;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };
// The gateway refuses a token minted to live longer than its maximum age (AUTH_MAX_TOKEN_AGE_SECONDS).
const MAX_TTL_SECONDS = DEFAULT_MAX_TOKEN_AGE_SECONDS;

export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0) : 0;
  if (seconds <= 0) throw new UsageError(`--ttl must look like 90s, 30m or 8h (got ${JSON.stringify(text)})`);
  if (seconds > MAX_TTL_SECONDS) throw new UsageError(`--ttl may be at most ${MAX_TTL_SECONDS / 3_600}h: the gateway refuses tokens minted to live longer (AUTH_MAX_TOKEN_AGE_SECONDS)`);
  return seconds;
}

export function parseMintArgs(argv: readonly string[]): MintRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string', multiple: true },
        party: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const requested = (values.role ?? []).flatMap((value) => value.split(',')).map((value) => value.trim().toUpperCase()).filter(Boolean);
  if (requested.length === 0) throw new UsageError(`--role is required (one of ${ROLES.join(', ')})`);
  const unknown = requested.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new UsageError(`unknown role ${unknown.join(', ')}; use one of ${ROLES.join(', ')}`);
  const roles = [...new Set(requested)] as Role[];

  const party = values.party?.trim();
  if (roles.includes('PARTY_USER') && !party) throw new UsageError('--party <id> is required for PARTY_USER');
  if (!roles.includes('PARTY_USER') && party !== undefined) throw new UsageError('--party applies to PARTY_USER only');

  const sub = values.sub?.trim() || `local-${(roles[0] ?? 'user').toLowerCase().replace(/_/g, '-')}`;
  return { caller: { sub, roles, partyId: party ?? null }, ttlSeconds: parseTtl(values.ttl) };
}

/**
 * This tool signs with the public local secret only, so it cannot mint tokens for a deployment
 * whose secret is private. It refuses when the environment says it is not local.
 */
export function assertLocalEnvironment(env: Readonly<Record<string, string | undefined>>): void {
  if (env['NODE_ENV'] === 'production' || env['SEC_ASSURE_DEV'] === 'false') {
    throw new UsageError('refusing to mint: this is not a development environment (tokens there come from the identity provider)');
  }
  const secret = env['AUTH_JWT_SECRET']?.trim();
  if (secret && secret !== LOCAL_DEV_JWT_SECRET) {
    throw new UsageError('refusing to mint: AUTH_JWT_SECRET is set to a non-default secret; this tool only signs with the local default');
  }
  if (env['AUTH_JWKS_URL']?.trim()) {
    throw new UsageError('refusing to mint: AUTH_JWKS_URL is set, so the gateway would not accept HS256 tokens');
  }
}
