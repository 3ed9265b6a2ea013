/**
 * Generates the resolver types of one subgraph from its `src/schema.graphql`.
 * Usage: npx tsx tools/codegen/generate.ts apps/party-registry
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';

async function main(): Promise<void> {
  const projectRoot = process.argv[2];
  if (!projectRoot) {
    console.error('usage: tsx tools/codegen/generate.ts <app folder, e.g. apps/party-registry>');
    process.exit(2);
  }
  const root = path.resolve(__dirname, '..', '..', projectRoot);
  // Optional per-app mappers: which TypeScript type a resolver returns for a GraphQL type.
  const mappersFile = path.join(root, 'codegen.mappers.json');
  const mappers = fs.existsSync(mappersFile) ? (JSON.parse(fs.readFileSync(mappersFile, 'utf8')) as Record<string, string>) : {};
  await generate(
    {
      schema: path.join(root, 'src/schema.graphql'),
      silent: true,
      generates: {
        [path.join(root, 'src/__generated__/resolvers-types.ts')]: {
          plugins: [{ add: { content: '/* Generated from schema.graphql by tools/codegen; do not edit. */' } }, 'typescript', 'typescript-resolvers'],
          config: {
            federation: true,
            useIndexSignature: true,
            contextType: '../context#Context',
            mappers,
            immutableTypes: true,
            scalars: { Date: 'string', DateTime: 'string' },
            enumsAsTypes: true,
            avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
            useTypeImports: true,
          },
        },
      },
    },
    true,
  );
  console.log(`codegen: ${projectRoot}/src/__generated__/resolvers-types.ts`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
