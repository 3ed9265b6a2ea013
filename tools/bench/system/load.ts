import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** The first failed answer (status and the start of its body), to say what the errors were. */
  firstError?: string;
}

export interface Request {
  headers: Record<string, string>;
  body: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * A closed loop: `connections` clients each send the next request as soon as the previous one is
 * answered, for `seconds`. undici's pool keeps the load generator's own cost low (it shares the
 * machine with what it measures). A response with GraphQL `errors` counts as an error.
 */
export async function closedLoop(url: string, connections: number, seconds: number, next: (i: number) => Promise<Request> | Request): Promise<LoadResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let i = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const request = await next(i++);
      const t0 = performance.now();
      try {
        const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
        const text = await response.body.text();
        if (response.statusCode !== 200 || text.includes('"errors"')) {
          errors++;
          firstError ??= `${response.statusCode} ${text.slice(0, 300)}`;
        }
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, requestsPerSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, ...(firstError === undefined ? {} : { firstError }) };
}
