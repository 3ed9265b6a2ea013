// One trace from the gateway to a consuming service, as an in-memory exporter sees it: the real
// system (throwaway databases, the real PostgreSQL and broker) in a child process, because the
// instrumentations patch modules through Node's require, which jest's module registry bypasses.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ChainReport, ChainSpan } from './trace-chain';

const ROOT = path.resolve(__dirname, '..', '..');

describe('a trace from the gateway to a consumer', () => {
  let report: ChainReport;

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, 'trace-chain.ts')], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'error' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = stdout.split('\n').find((l) => l.startsWith('{"trace":'));
    if (line === undefined) throw new Error(`no trace printed:\n${stdout.slice(-2000)}`);
    report = (JSON.parse(line) as { trace: ChainReport }).trace;
  }, 300_000);

  const find = (where: string, kind: RegExp, name: RegExp): ChainSpan => {
    const span = report.spans.find((s) => s.where === where && kind.test(s.kind) && name.test(s.name));
    if (span === undefined) throw new Error(`no ${kind} span ${name} in ${where}:\n${report.spans.map((s) => `${s.where} ${s.kind} ${s.name}`).join('\n')}`);
    return span;
  };

  /** True when `ancestor` is on the parent chain of `span`. */
  const descends = (span: ChainSpan, ancestor: ChainSpan): boolean => {
    const byId = new Map(report.spans.map((s) => [s.spanId, s]));
    for (let at: ChainSpan | undefined = span; at !== undefined; at = at.parentSpanId === null ? undefined : byId.get(at.parentSpanId)) {
      if (at.spanId === ancestor.spanId) return true;
    }
    return false;
  };

  it('every span shares one trace id, rooted at the gateway request', () => {
    expect(new Set(report.spans.map((s) => s.traceId))).toEqual(new Set([report.traceId]));
    const roots = report.spans.filter((s) => s.parentSpanId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ where: 'gateway', kind: 'SERVER' });
  });

  it('runs gateway -> party-registry -> its outbox write -> Kafka -> assessment-scheduling, each a descendant of the one before', () => {
    const gateway = find('gateway', /^SERVER$/, /POST/);
    const subgraph = find('party-registry', /^SERVER$/, /POST/);
    // registerParty writes the party and its outbox row in one statement (inserts in WITH): its span is named WITH.
    const outboxInsert = report.spans.find((s) => s.where === 'party-registry' && /\b(INSERT|WITH)\b/.test(s.name) && descends(s, subgraph));
    const publish = find('party-registry', /^PRODUCER$/, /^send sec\.party-registry\.v1$/);
    // CONSUMER, or INTERNAL under the kafkajs instrumentation's own span for the message.
    const handled = find('assessment-scheduling', /^(CONSUMER|INTERNAL)$/, /^handle PartyRegistered$/);
    const projectionWrite = report.spans.find((s) => s.where === 'assessment-scheduling' && /INSERT/.test(s.name) && s.parentSpanId === handled.spanId);
    expect(descends(subgraph, gateway)).toBe(true);
    expect(outboxInsert).toBeDefined();
    // The relay published later, in its own loop, yet under the request's stored traceparent.
    expect(descends(publish, subgraph)).toBe(true);
    expect(descends(handled, publish)).toBe(true);
    expect(projectionWrite).toBeDefined();
  });
});
