import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { bundleService, isWorkspaceLibrary } from './build';
import { PRODUCTION_NODE_OPTIONS, productionNodeOptions } from './runtime-options';

const ROOT = path.resolve(__dirname, '..', '..');

describe('production build', () => {
  it('tells workspace library sources from app sources and packages', () => {
    expect(isWorkspaceLibrary('/repo/libs/service/src/logger.ts')).toBe(true);
    expect(isWorkspaceLibrary('C:\\repo\\libs\\events\\src\\index.ts')).toBe(true);
    expect(isWorkspaceLibrary('/repo/apps/gateway/src/main.ts')).toBe(false);
    expect(isWorkspaceLibrary('/repo/node_modules/typeorm/index.js')).toBe(false);
  });

  // The build tells esbuild the libraries have no import side effects, so it may leave out a module
  // whose exports are unused. That holds only while no library module does work at load time
  // beyond declarations: no top-level statement such as a registration call, no bare import.
  it('the workspace libraries have no import side effects for the build to lose', () => {
    const files = execFileSync('git', ['ls-files', 'libs/*/src/*.ts', 'libs/*/src/**/*.ts'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file !== '' && !/\.spec\.ts$/.test(file));
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) => {
      const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
      return source.statements
        .filter((s) => ts.isExpressionStatement(s) || (ts.isImportDeclaration(s) && s.importClause === undefined))
        .map((s) => `${file}: ${s.getText(source).slice(0, 80)}`);
    });
    expect(offending).toEqual([]);
  });

  // The gateway reads the topics' ends (read-your-writes across subgraphs), so it needs the Kafka
  // client; it never touches a database.
  it("leaves out what a service does not use: the gateway's bundle requires no database client", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sec-assure-build-'));
    try {
      const outfile = path.join(dir, 'main.js');
      await bundleService('gateway', outfile);
      const required = new Set([...readFileSync(outfile, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
      for (const used of ['@apollo/gateway', 'express', 'jose', 'pino', 'prom-client', 'kafkajs']) expect(required).toContain(used);
      for (const unused of ['typeorm', 'pg']) expect(required).not.toContain(unused);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
  it('runs production with the same node options everywhere: the Docker image sets those of runtime-options.ts', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'tools/docker/Dockerfile'), 'utf8');
    expect(/^ENV NODE_OPTIONS=(.*)$/m.exec(dockerfile)?.[1]).toBe(PRODUCTION_NODE_OPTIONS);
    // An operator's own options are kept, after ours (a later V8 flag wins).
    expect(productionNodeOptions('--max-semi-space-size=8')).toBe(`${PRODUCTION_NODE_OPTIONS} --max-semi-space-size=8`);
    expect(productionNodeOptions(undefined)).toBe(PRODUCTION_NODE_OPTIONS);
  });
});
