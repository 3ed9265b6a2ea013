/** Environment variables as read from process.env (or a test's plain object). */
export type Env = Readonly<Record<string, string | undefined>>;

export function isProduction(env: Env): boolean {
  return env['NODE_ENV'] === 'production';
}

/** An unset or blank variable counts as absent, so `FOO=` in an env file does not enable anything. */
export function readVar(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
