import { badInput, conflict } from '@sec-assure/service';
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

export type Notifier = 'USER' | 'PROVIDER';

export function validateEngagementRequest(request: EngagementRequest): ValidEngagementRequest {
  const optionalDate = (field: string, value: string | null | undefined): string | null =>
    value === null || value === undefined ? null : validateDate(field, value);
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
  userRoles: readonly string[];
  providerPartyId: string;
  startDate: string;
  sameUserAndResource: readonly EngagementDates[];
}): void {
  if (facts.userRoles.length === 0) {
    throw badInput('userPartyId', 'the party holds no User Role, so it cannot use a shared resource (R-SRP-7)');
  }
  if (facts.userPartyId === facts.providerPartyId) {
    throw badInput('userPartyId', 'a provider cannot engage its own shared resource');
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
  engagement: { userNotifiedSscOn: string | null; providerNotifiedSscOn: string | null },
  by: Notifier,
  notifiedOn: string,
): void {
  validateDate('notifiedOn', notifiedOn);
  const recorded = by === 'USER' ? engagement.userNotifiedSscOn : engagement.providerNotifiedSscOn;
  if (recorded !== null) {
    throw conflict(`The ${by === 'USER' ? 'user' : 'provider'}'s notification is already recorded (${recorded})`);
  }
}
