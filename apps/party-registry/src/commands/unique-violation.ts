import { QueryFailedError } from 'typeorm';
import { conflict } from '@sec-assure/service';

/** PostgreSQL's unique_violation: two concurrent requests raced past the application's own check. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}

/** Runs a transaction and reports a unique-index violation from a race as CONFLICT with `message`. */
export async function conflictOnUniqueViolation<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message);
    throw error;
  }
}
