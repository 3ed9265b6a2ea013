/**
 * Compares the composed supergraph's API schema with ../shared/contract/contract.graphql.
 * Prints what is still missing; fails on anything present but incompatible. With --strict, missing
 * elements fail too. Also validates every operation in ../shared/contract/operations/.
 * Usage: npx tsx tools/contract/check.ts [--strict]
 */
import { compareWithContract, type ContractReport } from './compare';

function print(report: ContractReport): void {
  console.log(`contract: ${report.missing.length} missing, ${report.incompatible.length} incompatible`);
  for (const m of report.missing) console.log(`  missing       ${m}`);
  for (const m of report.incompatible) console.log(`  INCOMPATIBLE  ${m}`);
  const bad = report.operations.filter((o) => o.errors.length > 0);
  console.log(`operations: ${report.operations.length - bad.length}/${report.operations.length} validate`);
  for (const op of bad) console.log(`  not yet valid  ${op.file} ${op.name}: ${op.errors[0]}${op.errors.length > 1 ? ` (+${op.errors.length - 1} more)` : ''}`);
}

function main(): void {
  const strict = process.argv.includes('--strict');
  const report = compareWithContract();
  print(report);
  const operationsInvalid = report.operations.some((o) => o.errors.length > 0);
  if (report.incompatible.length > 0) process.exit(1);
  if (strict && (report.missing.length > 0 || operationsInvalid)) process.exit(1);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
