
export const MAX_REASON_LENGTH = 2000;

/** A reason recorded for people to read later (R-DIST-7): trimmed, 1 to 2000 characters. */
export function validateReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw badInput('reason', 'must say why the copy was issued in error (not blank)');
  if (trimmed.length > MAX_REASON_LENGTH) throw badInput('reason', `must be at most ${MAX_REASON_LENGTH} characters (got ${trimmed.length})`);
  return trimmed;
}import { badInput } from '@sec-assure/rules';

