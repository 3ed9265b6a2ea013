import { runsOfTraceContext } from './trace-context';

describe('runsOfTraceContext', () => {
  const row = (id: string, traceparent?: string): { id: string; headers: Record<string, string> } => ({ id, headers: traceparent === undefined ? {} : { traceparent } });

  it('keeps every row in one run when none carries a trace context (tracing off)', () => {
    expect(runsOfTraceContext([row('1'), row('2'), row('3')]).map((r) => r.map((x) => x.id))).toEqual([['1', '2', '3']]);
  });

  it('splits at each change of trace context and never reorders rows', () => {
    const runs = runsOfTraceContext([row('1', 'a'), row('2', 'a'), row('3', 'b'), row('4', 'a'), row('5')]);
    expect(runs.map((r) => r.map((x) => x.id))).toEqual([['1', '2'], ['3'], ['4'], ['5']]);
  });
});
