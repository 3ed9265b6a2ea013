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

/** Runs `work` and reports a unique-index violation from a race as CONFLICT with `message`. */
export async function conflictOnUniqueViolation<T>(work: () => Promise<T>, message: string, constraint?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw conflict(message);
    throw error;
  }
}
