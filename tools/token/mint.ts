// Run: npx tsx tools/token/mint.ts --role SECAS_ADMIN [--party <id>] [--sub alice] [--ttl 8h]
// Prints the token on the first line and a ready Authorization header on the second (stdout);
// details go to stderr, so `TOKEN=$(npx tsx tools/token/mint.ts --role SSC_MEMBER | head -1)` works.
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '../../libs/auth/src/index';
import { USAGE, UsageError, assertLocalEnvironment, parseMintArgs } from './mint-args';

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  assertLocalEnvironment(process.env);
  const { caller, ttlSeconds } = parseMintArgs(argv);
  const token = await signLocalToken(caller, { secret: LOCAL_DEV_JWT_SECRET, ttlSeconds });
  process.stdout.write(`${token}\nAuthorization: Bearer ${token}\n`);
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  process.stderr.write(
    `sub=${caller.sub} roles=${caller.roles.join(',')}${caller.partyId ? ` partyId=${caller.partyId}` : ''} expires=${expires}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`mint: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`mint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
