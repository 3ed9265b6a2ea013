import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root, found by walking up from this file to nx.json. Paths are derived from it,
 * never from the working directory, so the gateway may be started from anywhere.
 */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`playground: no nx.json above ${from}; cannot locate the repository`);
    dir = parent;
  }
}

export interface PlaygroundPaths {
  /** The React entry bundled into the page. */
  clientEntry: string;
  /** Where the built page and assets go (gitignored dist/). */
  outDir: string;
  /** Candidate contract folders, first existing wins. */
  contractDirs: string[];
}

export function playgroundPaths(env: Readonly<Record<string, string | undefined>> = process.env): PlaygroundPaths {
  const root = repoRoot();
  const override = env['SEC_ASSURE_CONTRACT_DIR']?.trim();
  return {
    clientEntry: path.join(root, 'apps/gateway/src/playground/client/index.tsx'),
    outDir: path.join(root, 'apps/gateway/dist/playground'),
    contractDirs: override
      ? [path.resolve(root, override)]
      : [path.join(root, 'contract'), path.join(root, '../shared/contract')],
  };
}

/** The file whose presence means "the bundle is complete" (written last by the build). */
export const PLAYGROUND_INDEX = 'index.html';
