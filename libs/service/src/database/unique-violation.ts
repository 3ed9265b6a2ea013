import { QueryFailedError } from 'typeorm';
import { conflict } from '../graphql/errors';

/**
 * PostgreSQL's unique_violation (23505) or exclusion_violation (23P01: an exclusion constraint is
 * uniqueness over overlaps), optionally on one named constraint: a concurrent request raced past
 * the application's own check.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return (driverError?.code === '23505' || driverError?.code === '23P01') && (constraint === undefined || driverError.constraint === constraint);
}

/** PostgreSQL's deadlock_detected (40P01) and serialization_failure (40001): the transaction was rolled back whole. */
const CONCURRENT_CHANGE_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

/** A transaction PostgreSQL rolled back because another one changed the same rows at the same moment. */
export function isConcurrentChangeFailure(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    const code = (at as { code?: unknown }).code ?? (at as { driverError?: { code?: unknown } }).driverError?.code;
    if (typeof code === 'string' && CONCURRENT_CHANGE_SQLSTATES.has(code)) return true;
  }
  return false;
}

/** Runs of `work` after the first when PostgreSQL rolls it back as a deadlock: enough for the requests of one race to queue. */
const CONCURRENT_CHANGE_RETRIES = 3;

/**
 * Runs `work` (one whole transaction or statement) and reports a unique-index violation from a race
 * as CONFLICT with `message`. Several inserts checking one unique or exclusion constraint at once can
 * deadlock on each other's uncommitted rows (40P01); PostgreSQL then rolls one back whole, so it is
 * run again, and meets the winner's committed row as the violation a serial order would have given.
 */
export async function conflictOnUniqueViolation<T>(work: () => Promise<T>, message: string, constraint?: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, constraint)) throw conflict(message);
      if (attempt < CONCURRENT_CHANGE_RETRIES && isConcurrentChangeFailure(error)) continue;
      throw error;
    }
  }
}
