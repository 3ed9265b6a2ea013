import { compareBenchRuns, parseBenchRun } from './compare';

// The shape system-bench.ts writes (ISSUE-13: "the table before and after, from the same command").
const file = (label: string, gatewayRps: number, writes: number, hop150p99: number): string => `# System benchmark 2026-12-04T18:25:10.082Z (${label})
time to healthy (no demo data): 5.6 s
CPU ms per second while idle: party-registry 8, gateway 2
machine speed before the cells: 11404 JS units/s; loopback HTTP one at a time 6163 requests/s, 125 µs CPU each

| read | conns | through the gateway | through Hive Gateway | straight to the subgraph | gateway / direct | gateway / Hive |
|---|---|---|---|---|---|---|
| requiredAssessment (pure rules) | 8 | ${gatewayRps} req/s, p50 31.5 ms, p99 86.3 ms | 286 req/s, p50 25.8 ms, p99 95.6 ms | 1352 req/s, p50 5.1 ms, p99 20.5 ms | 17% | 0.82x |
| parties(first: 20) + both | 8 | 46 req/s, p50 169.9 ms, p99 274.9 ms | 190 req/s, p50 38.9 ms, p99 75.4 ms | n/a | n/a | 0.24x |

| event hop (registerParty -> nextAssessment visible) | p50 | p99 |
|---|---|---|
| idle | 36 ms | 64 ms |
| writes at 150/s (achieved 87/s) (15 not seen in 10 s, 0 writes failed) | 300 ms | ${hop150p99} ms |

registerParty at 8 connections: ${writes} req/s, p50 130.5 ms, p99 384.9 ms; 19.0 CPU ms per write across the services
CPU ms per write: party-registry 5.5, gateway 6.7; PostgreSQL 8.5; the whole machine 35.1 (the load generator and the rest included)

| RSS (MB) | idle | after load |
|---|---|---|
| gateway | 121 | 159 |

10000-party register seeded in 749 s (13 parties/s); the consumers were through its events 2 s later

| read | conns | through the gateway | through Hive Gateway | straight to the subgraph | gateway / direct | gateway / Hive |
|---|---|---|---|---|---|---|
| parties(first: 20) + both | 8 | 11 req/s, p50 717.3 ms, p99 1117.3 ms | 57 req/s, p50 133.4 ms, p99 197.5 ms | n/a | n/a | 0.19x |
`;

describe('two benchmark runs side by side', () => {
  it('reads every figure of a run, the large register\'s cells apart from the demo population\'s', () => {
    const run = parseBenchRun(file('before: d6da72d', 234, 55, 900));
    expect(run.label).toBe('before: d6da72d');
    expect(run.reads.map((r) => r.key)).toEqual(['requiredAssessment (pure rules) @ 8', 'parties(first: 20) + both @ 8', 'parties(first: 20) + both @ 8 (large)']);
    expect(run.reads[0]).toEqual({ key: 'requiredAssessment (pure rules) @ 8', gateway: { rps: 234, p50: 31.5 }, hive: { rps: 286, p50: 25.8 }, direct: { rps: 1352, p50: 5.1 } });
    expect(run.reads[1].direct).toBeUndefined();
    expect(run.hop).toEqual([{ load: 'idle', p50: 36, p99: 64 }, { load: 'writes at 150/s', achieved: 87, p50: 300, p99: 900 }]);
    expect(run.writes).toEqual({ rps: 55, p50: 130.5, p99: 384.9, machineCpuMsPerWrite: 35.1 });
    expect(run.seeding).toEqual({ seconds: 749, perSecond: 13 });
    expect(run.rss).toEqual([{ service: 'gateway', idle: 121, afterLoad: 159 }]);
    expect(run.healthySeconds).toBe(5.6);
  });

  it('gives after / before for each figure both runs have', () => {
    const text = compareBenchRuns(parseBenchRun(file('before', 200, 50, 1000)), parseBenchRun(file('after', 600, 75, 250)));
    expect(text).toContain('| requiredAssessment (pure rules) @ 8 | 200, 600 (3.00x) | 0.70x, 2.10x | +26.4 ms, +26.4 ms |');
    expect(text).toContain('| registerParty at 8 conns, req/s | 50 | 75 | 1.50x |');
    expect(text).toContain('| event hop writes at 150/s, p50 / p99 ms | 300 / 1000 (87/s achieved) | 300 / 250 (87/s achieved) | 0.25x (p99) |');
    expect(text).toContain('| parties(first: 20) + both @ 8 (large) | 11, 11 (1.00x)');
  });

  it('refuses a file that holds no run', () => {
    expect(() => parseBenchRun('# notes\nnothing measured here\n')).toThrow(/not a file of system-bench\.ts/);
  });
});
