// Field shapes reused across event payloads, so that every event spells a date or an id alike.
import { z } from 'zod';

/** A calendar date, 'YYYY-MM-DD' (no time, no zone: the business works in UK calendar days). */
export const CalendarDate = z.iso.date().describe("Calendar date, 'YYYY-MM-DD'");

/** An instant, ISO 8601 in UTC ('Z'), as produced by Date.prototype.toISOString. */
export const Instant = z.iso.datetime().describe('Instant, ISO 8601 UTC');

/** Ids of aggregates owned by other services: opaque non-empty strings. */
export const Id = z.string().min(1);

export const Count = z.number().int().nonnegative();
