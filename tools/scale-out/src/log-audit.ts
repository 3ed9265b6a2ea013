import { readFileSync } from 'node:fs';

export interface HandledCounts {
  /** Event id -> how many times a replica ran the handler for it ("event handled"). */
  handled: Map<string, number>;
  /** Deliveries of an event already handled, stopped by processed_event ("already processed; skipped"). */
  skipped: Map<string, number>;
}

/**
 * What the replicas of one service logged for one consumer, across all their lives: each consumer
 * writes one line per event, naming it, and whether it ran the handler or found it already done.
 */
export function handledCounts(logFiles: readonly string[], consumer: string): HandledCounts {
  const counts: HandledCounts = { handled: new Map(), skipped: new Map() };
  for (const file of logFiles) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.includes('"event ') || !line.startsWith('{')) continue;
      let entry: { msg?: string; consumer?: string; eventId?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue; // a line cut by SIGKILL
      }
      if (entry.consumer !== consumer || entry.eventId === undefined) continue;
      const into = entry.msg === 'event handled' ? counts.handled : entry.msg === 'event already processed; skipped' ? counts.skipped : null;
      into?.set(entry.eventId, (into.get(entry.eventId) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * When a replica's read stopped waiting for its consumers (3 s, README "Reads are consistent") and
 * answered with what it knew: a stale answer then is the documented bound, not a lost write.
 */
export function catchUpGaveUp(logFiles: readonly string[]): number[] {
  const times: number[] = [];
  for (const file of logFiles) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.includes('projection still behind') && !line.includes('could not check projection lag')) continue;
      try {
        times.push(Date.parse((JSON.parse(line) as { time: string }).time));
      } catch {
        // a line cut by SIGKILL
      }
    }
  }
  return times;
}

/** Whether a read that ran from `startedAt` to `at` gave up waiting, by one of `gaveUp`. */
export const gaveUpDuring = (gaveUp: readonly number[], startedAt: number, at: number): boolean => gaveUp.some((t) => t >= startedAt && t <= at + 100);

/** When (and in which log) each of `eventIds` was handled by `consumer`, first time only. */
export function handledAt(logFiles: readonly string[], consumer: string, eventIds: ReadonlySet<string>): Map<string, { at: number; log: string }> {
  const found = new Map<string, { at: number; log: string }>();
  for (const file of logFiles) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.includes('"event handled"')) continue;
      try {
        const entry = JSON.parse(line) as { consumer?: string; eventId?: string; time: string };
        if (entry.consumer !== consumer || entry.eventId === undefined || !eventIds.has(entry.eventId) || found.has(entry.eventId)) continue;
        found.set(entry.eventId, { at: Date.parse(entry.time), log: file.slice(file.lastIndexOf('/') + 1) });
      } catch {
        // a line cut by SIGKILL
      }
    }
  }
  return found;
}
