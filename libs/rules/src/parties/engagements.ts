import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';

/** R-SRP-7: a User uses a provider from `startDate` to `endDate` (null: still engaged). */
export interface Engagement {
  readonly userPartyId: string;
  readonly providerPartyId: string;
  readonly startDate: IsoDate;
  readonly endDate?: IsoDate | null;
}

/** An engagement with its dates as day numbers, checked once. */
export interface EngagementSpan {
  readonly userPartyId: string;
  readonly providerPartyId: string;
  readonly start: number;
  readonly end: number;
}

export function engagementSpan(e: Engagement, field: string): EngagementSpan {
  if (typeof e?.userPartyId !== 'string' || e.userPartyId === '') {
    throw new RuleInputError(`${field}.userPartyId`, `${field}.userPartyId must name a party.`);
  }
  if (typeof e.providerPartyId !== 'string' || e.providerPartyId === '') {
    throw new RuleInputError(`${field}.providerPartyId`, `${field}.providerPartyId must name a party.`);
  }
  const start = toDayNumber(e.startDate, `${field}.startDate`);
  const end = e.endDate === null || e.endDate === undefined ? Infinity : toDayNumber(e.endDate, `${field}.endDate`);
  if (end < start) throw new RuleInputError(`${field}.endDate`, `${field}.endDate is before its startDate.`);
  return { userPartyId: e.userPartyId, providerPartyId: e.providerPartyId, start, end };
}

/**
 * Engaged on a day: started on or before it and not ended before it. The end date is the last day of
 * use, so a User whose engagement ends on the issue date still receives that day's documents (R-DIST-4).
 */
export function isEngagedOn(span: EngagementSpan, day: number): boolean {
  return span.start <= day && day <= span.end;
}
