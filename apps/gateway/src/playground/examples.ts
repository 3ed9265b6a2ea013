import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ExampleFile {
  name: string;
  source: string;
}

/**
 * The contract's example operations (operations/*.graphql) from the first folder that has them.
 * None found is not an error: the playground then simply starts without examples.
 */
export function readExampleOperations(contractDirs: readonly string[]): { dir: string | undefined; files: ExampleFile[] } {
  for (const dir of contractDirs) {
    const operations = path.join(dir, 'operations');
    if (!existsSync(operations)) continue;
    const files = readdirSync(operations)
      .filter((name) => name.endsWith('.graphql'))
      .sort()
      .map((name) => ({ name, source: readFileSync(path.join(operations, name), 'utf8') }));
    if (files.length > 0) return { dir, files };
  }
  return { dir: undefined, files: [] };
}
