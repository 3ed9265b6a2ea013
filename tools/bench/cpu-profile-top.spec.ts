import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A profile of root -> handle -> query (two samples of 1 ms) and root -> handle (one of 2 ms), then idle.
const profile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 4] },
    { id: 2, callFrame: { functionName: 'handle', url: 'file:///w/apps/gateway/dist/main.js', lineNumber: 9 }, children: [3] },
    { id: 3, callFrame: { functionName: 'query', url: 'file:///w/node_modules/pg/lib/client.js', lineNumber: 99 } },
    { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
  ],
  samples: [3, 3, 2, 4],
  timeDeltas: [1000, 1000, 2000, 5000],
  endTime: 9000,
};

describe('cpu-profile-top (ISSUE-13: profile before changing)', () => {
  it('writes the samples as folded stacks, root first, idle left out, in microseconds', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cpu-profile-top-'));
    const file = path.join(dir, 'p.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const folded = path.join(dir, 'p.folded');
    const printed = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cpu-profile-top.ts'), file, '--folded', folded], { encoding: 'utf8' });
    expect(printed).toContain('(of 4 ms sampled)');
    expect(readFileSync(folded, 'utf8').trim().split('\n').sort()).toEqual(['handle apps/gateway/dist/main.js:10 2000', 'handle apps/gateway/dist/main.js:10;query pg:100 2000']);
  });

  it('refuses a mistyped option or a missing profile with what to fix (exit 2); --help prints the usage', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cpu-profile-top.ts'), ...args], { encoding: 'utf8' });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--until <seconds>');
    const mistyped = run('p.cpuprofile', '--lats', '12');
    expect(mistyped.status).toBe(2);
    expect(mistyped.stderr).toContain("Unknown option '--lats'");
    const missing = run(path.join(tmpdir(), 'no-such-profile.cpuprofile'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const dir = mkdtempSync(path.join(tmpdir(), 'cpu-profile-top-'));
    writeFileSync(path.join(dir, 'p.cpuprofile'), JSON.stringify(profile));
    const badNumber = run(path.join(dir, 'p.cpuprofile'), '--last', 'ten');
    expect(badNumber.status).toBe(2);
    expect(badNumber.stderr).toContain("--last takes a number of 0 or more, not 'ten'");
  });
});
