// Sustained load: writers run mutation rounds (journaled, so the consistency check covers them)
// while readers run the benchmark's federated reads, all through the gateway, for a duration.
import { percentile } from '../../../bench/system/load';
import { READS } from '../../../bench/system/scenarios';
import { postGraphQL } from '../bad-input/run';
import { round, type StreamContext, type StreamTarget } from '../stream/stream';
import type { Journal } from '../stream/journal';

export interface LoadFigures {
  seconds: number;
  reads: number;
  writes: number;
  readP50: number;
  readP99: number;
  writeP50: number;
  writeP99: number;
  serverErrors: number;
  /** Reads answered with GraphQL errors (not 5xx). */
  readErrors: number;
  perSecond: number;
}

export async function sustainedLoad(target: StreamTarget, journal: Journal, ctx: StreamContext, options: { seconds: number; writers: number; readers: number; firstRound: number }): Promise<LoadFigures & { nextRound: number }> {
  const deadline = Date.now() + options.seconds * 1000;
  const started = Date.now();
  const fromSent = journal.sent.length;
  const readLatencies: number[] = [];
  let serverErrors = 0;
  let readErrors = 0;
  let next = options.firstRound;
  const token = await target.token('SECAS_ADMIN');
  const writer = async (): Promise<void> => {
    while (Date.now() < deadline) await round(target, journal, ctx, next++);
  };
  const reader = async (): Promise<void> => {
    for (let i = 0; Date.now() < deadline; i++) {
      const read = READS[i % READS.length]!;
      const t0 = performance.now();
      const answer = await postGraphQL(target.gatewayUrl, token, read.query, read.variables?.(i) ?? {});
      readLatencies.push(performance.now() - t0);
      if (answer.status >= 500 || answer.status === 0) serverErrors++;
      else if (answer.errors?.length) readErrors++;
    }
  };
  await Promise.all([...Array.from({ length: options.writers }, writer), ...Array.from({ length: options.readers }, reader)]);
  const writes = journal.sent.slice(fromSent);
  serverErrors += writes.filter((s) => s.status >= 500 || s.status === 0).length;
  const writeLatencies = writes.map((s) => s.endedAt - s.startedAt).sort((a, b) => a - b);
  readLatencies.sort((a, b) => a - b);
  const seconds = (Date.now() - started) / 1000;
  return {
    seconds,
    reads: readLatencies.length,
    writes: writes.length,
    readP50: percentile(readLatencies, 50),
    readP99: percentile(readLatencies, 99),
    writeP50: percentile(writeLatencies, 50),
    writeP99: percentile(writeLatencies, 99),
    serverErrors,
    readErrors,
    perSecond: (readLatencies.length + writes.length) / seconds,
    nextRound: next,
  };
}
