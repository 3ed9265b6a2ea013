import { QueryFailedError } from 'typeorm';

/** Who asked for a change, when, and the correlation id its event carries. */
export interface CommandMeta {
  actor: string;
  now: Date;
  today: string;
  correlationId: string;
}

/** True when PostgreSQL refused a row for a unique constraint (a concurrent request won the race). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
