import { badInput, conflict } from '@sec-assure/rules';
import { validateDate } from './party-registration';

export interface EngagementRequest {
  userPartyId: string;
  sharedResourceId: string;
  startDate: string;
  userNotifiedSscOn?: string | null;
  providerNotifiedSscOn?: string | null;
}

export interface ValidEngagementRequest {
  userPartyId: string;
  sharedResourceId: string;
  startDate: string;
  userNotifiedSscOn: string | null;
  providerNotifiedSscOn: string | null;
}

export interface EngagementDates {
  startDate: string;
  endDate: string | null;
}

/** Which notice of R-SRP-7: the user's of its start, the provider's of gaining the user, the provider's of losing it. */
export type Notifier = 'USER' | 'PROVIDER' | 'PROVIDER_END';

/** R-SRP-7: a notice is recorded once it has reached the SSC, so on or before today. */
function noticeDate(field: string, value: string, today: string): string {
  validateDate(field, value);
  if (value > today) throw badInput(field, `${value} is after today (${today}): record a notice once it has reached the SSC`);
  return value;
}

export function validateEngagementRequest(request: EngagementRequest, today: string): ValidEngagementRequest {
  const optionalDate = (field: string, value: string | null | undefined): string | null =>
    value === null || value === undefined ? null : noticeDate(field, value, today);
  return {
    userPartyId: request.userPartyId,
    sharedResourceId: request.sharedResourceId,
    startDate: validateDate('startDate', request.startDate),
    userNotifiedSscOn: optionalDate('userNotifiedSscOn', request.userNotifiedSscOn),
    providerNotifiedSscOn: optionalDate('providerNotifiedSscOn', request.providerNotifiedSscOn),
  };
}

/**
 * R-SRP-7: a new, open-ended engagement starting on `startDate` overlaps an existing one unless that
 * one ended (its last day of use) before the start. Dates are ISO strings, so they compare as text.
 */
export const overlapsNewEngagement = (existing: EngagementDates, startDate: string): boolean =>
  existing.endDate === null || existing.endDate >= startDate;

/** The checks of engageSharedResource that need the stored facts; throws the refusal. */
export function assertEngagementAllowed(facts: {
  userPartyId: string;
  /** R-PARTY-1: the User Roles the party holds on the start date. */
  userRolesOnStart: readonly string[];
  providerPartyId: string;
  startDate: string;
  /** R-SRP-2: the day the resource became available. */
  availableFrom: string;
  sameUserAndResource: readonly EngagementDates[];
}): void {
  if (facts.userRolesOnStart.length === 0) {
    throw badInput('userPartyId', `the party holds no User Role on ${facts.startDate}, so it cannot use a shared resource from that day (R-PARTY-1, R-SRP-7)`);
  }
  if (facts.userPartyId === facts.providerPartyId) {
    throw badInput('userPartyId', 'a provider cannot engage its own shared resource');
  }
  if (facts.startDate < facts.availableFrom) {
    throw badInput('startDate', `${facts.startDate} is before ${facts.availableFrom}, the day the shared resource became available (R-SRP-2)`);
  }
  const clash = facts.sameUserAndResource.find((e) => overlapsNewEngagement(e, facts.startDate));
  if (clash) {
    throw conflict(
      `The user already engages this shared resource from ${clash.startDate}${clash.endDate ? ` to ${clash.endDate}` : ' with no end date'}; ` +
        'end that engagement before a new one starting on ' + facts.startDate,
    );
  }
}

/** endEngagement: an engagement ends once, on or after its start. */
export function assertCanEnd(engagement: EngagementDates, endDate: string): void {
  validateDate('endDate', endDate);
  if (engagement.endDate !== null) throw conflict(`The engagement already ended on ${engagement.endDate}`);
  if (endDate < engagement.startDate) {
    throw badInput('endDate', `must be on or after the engagement's startDate ${engagement.startDate}`);
  }
}

/** recordEngagementNotification: each side notifies once; the recorded date is never overwritten. */
export function assertCanRecordNotification(
  engagement: NoticeDates & { endDate: string | null },
  by: Notifier,
  notifiedOn: string,
  today: string,
): void {
  noticeDate('notifiedOn', notifiedOn, today);
  if (by === 'PROVIDER_END' && engagement.endDate === null) {
    throw badInput('by', "PROVIDER_END is the provider's notice of losing the user: record the engagement's end (endEngagement) first");
  }
  const recorded = engagement[NOTICE_FIELD[by]];
  if (recorded !== null) throw conflict(`The ${NOTICE_NAME[by]} is already recorded (${recorded})`);
}

export interface NoticeDates {
  userNotifiedSscOn: string | null;
  providerNotifiedSscOn: string | null;
  providerEndNotifiedSscOn: string | null;
}

/** The engagement field that records each notice. */
export const NOTICE_FIELD: Readonly<Record<Notifier, keyof NoticeDates>> = {
  USER: 'userNotifiedSscOn',
  PROVIDER: 'providerNotifiedSscOn',
  PROVIDER_END: 'providerEndNotifiedSscOn',
};

export const NOTICE_NAME: Readonly<Record<Notifier, string>> = {
  USER: "user's notice of starting to use the provider",
  PROVIDER: "provider's notice of gaining the user",
  PROVIDER_END: "provider's notice of losing the user",
};
