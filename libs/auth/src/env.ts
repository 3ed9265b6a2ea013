/** Environment variables as read from process.env (or a test's plain object). */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The one switch that lets a service use the public development secrets. NODE_ENV does not decide
 * security: a start with NODE_ENV unset, `prod` or `staging` would otherwise run on keys anyone
 * can read in this repository. `npm start` and `npm test` set it; nothing else should.
 */
export const DEV_SWITCH = 'SEC_ASSURE_DEV';

/** Hosts a development start may bind to: only this machine can reach it. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

export class DevModeError extends Error {
  override readonly name = 'DevModeError';
}

/** An unset or blank variable counts as absent, so `FOO=` in an env file does not enable anything. */
export function readVar(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** True only with SEC_ASSURE_DEV=true; any value other than true/false is refused rather than guessed. */
export function isDevelopmentMode(env: Env): boolean {
  const value = readVar(env, DEV_SWITCH)?.toLowerCase();
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new DevModeError(`${DEV_SWITCH}="${env[DEV_SWITCH] ?? ''}" is not valid: set ${DEV_SWITCH}=true (local development only) or leave it unset.`);
}

/** The inverse of development mode: real secrets are required. */
export function isProduction(env: Env): boolean {
  return !isDevelopmentMode(env);
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim().replace(/^\[|\]$/g, ''));
}

/**
 * The development switch exposes public secrets, so a service in development mode must not be
 * reachable from other machines: it refuses any bind address other than loopback.
 */
export function assertDevelopmentBind(env: Env, bindHost: string): void {
  if (isDevelopmentMode(env) && !isLoopbackHost(bindHost)) {
    throw new DevModeError(
      `${DEV_SWITCH}=true accepts the public development secrets, so it binds to loopback only; ` +
        `BIND_HOST="${bindHost}" is not a loopback address. Unset ${DEV_SWITCH} and configure real secrets, or set BIND_HOST=127.0.0.1.`,
    );
  }
}
