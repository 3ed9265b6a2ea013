/**
 * Imports a file of domestic premises counts (R-PREM-1): columns party (name or id), count, effectiveFrom.
 *   npx tsx tools/import-premises/import-premises.ts <file.csv|file.xlsx> [--apply] [--gateway URL] [--token JWT]
 *   npx tsx tools/import-premises/import-premises.ts <file> [--apply] --direct
 * Without --apply: a dry run (every row checked, nothing recorded). Through the gateway by default
 * (importDomesticPremises; a SECAS_ADMIN token from --token or IMPORT_TOKEN, or minted locally with
 * the development secret). --direct runs the same command on party-registry's database (its PG*
 * variables) and prints progress per chunk: for files over the gateway's 8 MiB body limit.
 * Exit code: 0 no problems, 1 problems (nothing recorded), 2 usage or failure.
 */
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import { describeReport, importInput, sendImport, type ImportReport } from './send';
import { importDirect } from './direct';

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function viaGateway(file: string, dryRun: boolean, argv: readonly string[]): Promise<ImportReport> {
  const gateway = option(argv, '--gateway') ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const token =
    option(argv, '--token') ??
    process.env.IMPORT_TOKEN ??
    (await signLocalToken({ sub: 'import-premises', roles: ['SECAS_ADMIN'], partyId: null }, { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 600 }));
  const input = await importInput(file, dryRun);
  console.log(`sending ${input.bytes} bytes (${input.format}) to ${gateway} ...`);
  return sendImport(gateway, token, input);
}

const withCount = (report: Omit<ImportReport, 'problemCount'>): ImportReport => ({ ...report, problemCount: report.problems.length });

async function main(argv: readonly string[]): Promise<number> {
  const file = argv.find((a, i) => !a.startsWith('--') && !['--gateway', '--token'].includes(argv[i - 1] ?? ''));
  if (!file) {
    console.error('usage: import-premises <file.csv|file.xlsx> [--apply] [--direct | --gateway URL --token JWT]');
    return 2;
  }
  const dryRun = !argv.includes('--apply');
  const started = Date.now();
  const report = argv.includes('--direct')
    ? withCount(await importDirect(file, dryRun, process.env.USER ?? 'import-premises', (line) => console.log(line)))
    : await viaGateway(file, dryRun, argv);
  console.log(describeReport(report));
  console.log(`took ${((Date.now() - started) / 1000).toFixed(2)} s`);
  return report.problemCount > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`import-premises: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
