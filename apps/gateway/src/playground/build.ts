import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readExampleOperations } from './examples';
import { PLAYGROUND_INDEX, playgroundPaths, type PlaygroundPaths } from './paths';

export interface BuildPlaygroundOptions {
  paths?: PlaygroundPaths;
  log?: (message: string) => void;
}

/** Monaco's language services run as web workers, bundled as separate files the page loads by URL. */
const WORKERS: Readonly<Record<string, string>> = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

/**
 * Bundles the GraphiQL page with esbuild into apps/gateway/dist/playground: app.js + app.css, the
 * Monaco workers, fonts, and index.html (written last, so its presence marks a finished build).
 * esbuild is imported lazily: it is a dev dependency and a production gateway serves a prebuilt
 * bundle, if any.
 */
export async function buildPlayground(options: BuildPlaygroundOptions = {}): Promise<{ outDir: string; examples: number }> {
  const paths = options.paths ?? playgroundPaths();
  const log = options.log ?? ((message: string) => console.log(message));
  const { build } = await import('esbuild');
  const examples = readExampleOperations(paths.contractDirs);
  log(
    examples.dir
      ? `playground: embedding ${examples.files.length} example files from ${examples.dir}`
      : `playground: no contract operations found (looked in ${paths.contractDirs.join(', ')}); building without examples`,
  );

  rmSync(paths.outDir, { recursive: true, force: true });
  mkdirSync(paths.outDir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    sourcemap: false,
    target: ['es2022'],
    logLevel: 'warning' as const,
    absWorkingDir: path.dirname(paths.clientEntry),
    define: { 'process.env.NODE_ENV': '"production"' },
  };

  log('playground: bundling Monaco workers');
  await build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(WORKERS).map(([name, module]) => [name, require.resolve(module)])),
    outdir: path.join(paths.outDir, 'workers'),
    format: 'iife',
  });

  log('playground: bundling GraphiQL (this takes a few seconds)');
  await build({
    ...common,
    entryPoints: { app: paths.clientEntry },
    outdir: paths.outDir,
    format: 'iife',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    assetNames: 'assets/[name]-[hash]',
    define: { ...common.define, __PLAYGROUND_EXAMPLES__: JSON.stringify(examples.files) },
  });

  writeFileSync(path.join(paths.outDir, PLAYGROUND_INDEX), pageHtml());
  log(`playground: built into ${paths.outDir}`);
  return { outDir: paths.outDir, examples: examples.files.length };
}

function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>sec-assure GraphQL playground</title>
  <link rel="stylesheet" href="app.css">
</head>
<body>
  <div id="root"></div>
  <script src="app.js"></script>
</body>
</html>
`;
}

if (require.main === module) {
  buildPlayground().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
