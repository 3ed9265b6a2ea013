/**
 * Generates typed documents for every operation in ../shared/contract/operations/ against the
 * published API schema (apps/gateway/api-schema.graphql), with the GraphQL Code Generator client
 * preset. With --check, fails when the committed files differ.
 * Usage: npx tsx libs/client/scripts/generate.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CONTRACT_DIR = process.env.SEC_ASSURE_CONTRACT_DIR ?? path.resolve(ROOT, '..', 'shared', 'contract');
const OUT = path.join(ROOT, 'libs/client/src/__generated__/');

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files: Array<{ filename: string; content: string }> = await generate(
    {
      schema: path.join(ROOT, 'apps/gateway/api-schema.graphql'),
      documents: path.join(CONTRACT_DIR, 'operations/*.graphql'),
      silent: true,
      generates: {
        [OUT]: {
          preset: 'client',
          // No fragment masking: the contract's operations use no fragments, and front ends read
          // results directly.
          presetConfig: { fragmentMasking: false },
          config: {
            scalars: { Date: 'string', DateTime: 'string' },
            enumsAsTypes: true,
            useTypeImports: true,
            // The operations are read from outside the repository: keep absolute paths out of output.
            documentMode: 'documentNode',
          },
        },
      },
    },
    !check,
  );
  if (!check) {
    console.log(`codegen: ${path.relative(ROOT, OUT)}`);
    return;
  }
  const stale = files.filter((f) => !fs.existsSync(f.filename) || fs.readFileSync(f.filename, 'utf8') !== f.content);
  if (stale.length > 0) {
    console.error(`stale: ${stale.map((f) => path.relative(ROOT, f.filename)).join(', ')}; run \`npx tsx libs/client/scripts/generate.ts\``);
    process.exit(1);
  }
  console.log('libs/client/src/__generated__ is up to date.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
