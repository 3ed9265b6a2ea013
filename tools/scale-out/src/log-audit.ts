import { readFileSync } from 'node:fs';

export interface HandledCounts {
  /** Event id -> how many times a replica ran the handler for it ("event handled"). */
  handled: Map<string, number>;
  /** Deliveries of an event already handled, stopped by processed_event ("already processed; skipped"). */
  skipped: Map<string, number>;
}

interface LogEntry {
  msg?: string;
  consumer?: string;
  eventId?: string;
  time: string;
}

/**
 * The JSON log lines of `logFiles` that contain `marker`, with the file each came from; unreadable
 * files and lines cut by SIGKILL are passed over.
 */
function* logEntries(logFiles: readonly string[], marker: (line: string) => boolean): Generator<{ entry: LogEntry; file: string }> {
  for (const file of logFiles) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.startsWith('{') || !marker(line)) continue;
      try {
        yield { entry: JSON.parse(line) as LogEntry, file };
      } catch {
        // a line cut by SIGKILL
      }
    }
  }
}

/**
 * What the replicas of one service logged for one consumer, across all their lives: each consumer
 * writes one line per event, naming it, and whether it ran the handler or found it already done.
 */
export function handledCounts(logFiles: readonly string[], consumer: string): HandledCounts {
  const counts: HandledCounts = { handled: new Map(), skipped: new Map() };
  for (const { entry } of logEntries(logFiles, (line) => line.includes('"event '))) {
    if (entry.consumer !== consumer || entry.eventId === undefined) continue;
    const into = entry.msg === 'event handled' ? counts.handled : entry.msg === 'event already processed; skipped' ? counts.skipped : null;
    into?.set(entry.eventId, (into.get(entry.eventId) ?? 0) + 1);
  }
  return counts;
}

/**
 * When a replica's read stopped waiting for its consumers (3 s, README "Reads are consistent") and
 * answered with what it knew: a stale answer then is the documented bound, not a lost write.
 */
export function catchUpGaveUp(logFiles: readonly string[]): number[] {
  const times: number[] = [];
  for (const { entry } of logEntries(logFiles, (line) => line.includes('projection still behind') || line.includes('could not check projection lag'))) {
    times.push(Date.parse(entry.time));
  }
  return times;
}

/** Whether a read that ran from `startedAt` to `at` gave up waiting, by one of `gaveUp`. */
export const gaveUpDuring = (gaveUp: readonly number[], startedAt: number, at: number): boolean => gaveUp.some((t) => t >= startedAt && t <= at + 100);

/** When (and in which log) each of `eventIds` was handled by `consumer`, first time only. */
export function handledAt(logFiles: readonly string[], consumer: string, eventIds: ReadonlySet<string>): Map<string, { at: number; log: string }> {
  const found = new Map<string, { at: number; log: string }>();
  for (const { entry, file } of logEntries(logFiles, (line) => line.includes('"event handled"'))) {
    if (entry.consumer !== consumer || entry.eventId === undefined || !eventIds.has(entry.eventId) || found.has(entry.eventId)) continue;
    found.set(entry.eventId, { at: Date.parse(entry.time), log: file.slice(file.lastIndexOf('/') + 1) });
  }
  return found;
}
