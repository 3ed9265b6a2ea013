// The reduced scale-out run of `npm test` (issue 12, item 4): party-registry and
// assessment-scheduling, two replicas each as child processes behind the gateway, sharing their
// database and consumer groups on the test broker; one replica of each SIGKILLed mid-stream.
// The full run (every subgraph, its own broker, the killed replicas brought back): tools/scale-out/run.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireKafka, testBrokers } from '@sec-assure/events/testing';
import { modeOf } from '../../faults/src/infra/bundles';
import { REPO } from './processes';
import { formatReport, problems } from './report';
import { runScaleOut, type ScaleOutResult } from './scenario';

describe('scale-out: two replicas per subgraph, one killed mid-stream (real PostgreSQL, Kafka, processes)', () => {
  let result: ScaleOutResult;

  beforeAll(async () => {
    await requireKafka();
    const outDir = path.join(REPO, 'test-output', 'scale-out');
    mkdirSync(outDir, { recursive: true });
    result = await runScaleOut({
      plan: {
        run: `scaleout_ci_${Date.now().toString(36)}`,
        subgraphs: ['party-registry', 'assessment-scheduling'],
        replicas: 2,
        portBase: 4870,
        brokers: testBrokers(),
        sessionTimeoutMs: 6000,
      },
      // The kill early, the stream just long enough for the group (6 s session) to move on within it.
      seconds: 8,
      killAtSeconds: 2,
      concurrency: 4,
      restart: false,
      directReads: 2,
      outDir,
      // The production bundles, built once here (SCALE_OUT_MODE=dev: the sources through tsx).
      mode: modeOf(process.env.SCALE_OUT_MODE),
      say: process.env.SCALE_OUT_VERBOSE ? (line) => process.stderr.write(`[scale-out ${new Date().toISOString().slice(11, 23)}] ${line}\n`) : () => undefined,
    });
    writeFileSync(path.join(outDir, 'scale-out-ci-latest.md'), formatReport(result, 'ci'));
  }, 240_000);

  it('every mutation the client saw succeed is stored, and none it saw refused outside the kill', () => {
    expect(result.audit.client.succeeded).toBeGreaterThan(0);
    expect(result.audit.client.succeededMissing).toEqual([]);
    expect(problems(result).filter((p) => p.includes('failed outside') || p.includes('saw fail'))).toEqual([]);
  });

  it('every outbox row reached its topic exactly once, the killed replica\'s relay included (the relays of two replicas never publish a row twice), keys in order on one partition', () => {
    for (const s of result.audit.services) {
      expect({ subgraph: s.subgraph, unsent: s.unsent, lost: s.lostOnTheWay, publishedTwice: s.publishedTwice, outOfOrder: s.keysOutOfOrder }).toEqual({
        subgraph: s.subgraph,
        unsent: 0,
        lost: 0,
        publishedTwice: 0,
        outOfOrder: 0,
      });
    }
    expect(result.audit.services.find((s) => s.subgraph === 'party-registry')!.partitionsUsed).toBeGreaterThan(1);
  });

  it('the consumers sharing a group handled every event exactly once, and the projections equal their source', () => {
    const consumers = result.audit.services.flatMap((s) => s.consumers.map((c) => ({ ...c, subgraph: s.subgraph })));
    const projection = consumers.find((c) => c.subgraph === 'assessment-scheduling')!;
    expect(projection.expected).toBeGreaterThan(0);
    for (const c of consumers) expect({ consumer: c.name, lost: c.lost, handledTwice: c.handledTwice }).toEqual({ consumer: c.name, lost: 0, handledTwice: 0 });
    for (const p of result.audit.projections) expect({ projection: p.name, missing: p.missing }).toEqual({ projection: p.name, missing: [] });
  });

  it("the killed replica's partitions moved to the one left", () => {
    expect(result.moves).toHaveLength(2);
    for (const move of result.moves) {
      expect(move.seconds).not.toBeNull();
      expect(move.moved.length).toBeGreaterThan(0);
      expect(move.after).toHaveLength(1);
      expect(move.after[0]!.partitions).toEqual(expect.arrayContaining(move.moved));
    }
  });

  it('read-your-writes through either replica: a registration on its topic is known to each assessment-scheduling replica asked next', () => {
    const before = result.directReads.filter((d) => d.when === 'before');
    expect(before.map((d) => d.replica).sort()).toEqual(['assessment-scheduling#a', 'assessment-scheduling#b']);
    for (const d of result.directReads) {
      expect({ replica: d.replica, when: d.when, stale: d.stale, asked: d.fresh + d.staleGaveUp }).toEqual({ replica: d.replica, when: d.when, stale: 0, asked: 2 });
    }
  });
});
