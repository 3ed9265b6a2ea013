import { badInput } from '@sec-assure/rules';
import { validateDate, validatePartyName } from './party-registration';

/** R-SRP-1: what a shared resource covers. */
export type SharedResourceScope = 'WHOLE_USER_SYSTEM' | 'PART_OF_USER_SYSTEM';

export interface SharedResourceRequest {
  name: string;
  scope: SharedResourceScope;
  providerPartyId: string;
  optInAsProvider?: boolean | null;
  availableFrom?: string | null;
}

export interface ValidSharedResource {
  name: string;
  nameKey: string;
  scope: SharedResourceScope;
  providerPartyId: string;
  /** Effective opt-in: WHOLE_USER_SYSTEM always counts as opted in (R-SRP-3). */
  optInAsProvider: boolean;
  /** R-SRP-2: default the day of registration, so that history can be entered; never in the future. */
  availableFrom: string;
}

const SCOPES: readonly SharedResourceScope[] = ['WHOLE_USER_SYSTEM', 'PART_OF_USER_SYSTEM'];

/**
 * R-SRP-3/4: a whole-system resource makes its provider a Shared Resource Provider; a part-system one
 * does only when the provider opts in. optInAsProvider is ignored (treated as true) for WHOLE_USER_SYSTEM.
 */
/**
 * R-SRP-2: the day a qualifying resource moves the designation to, or null when it changes nothing:
 * the provider is designated from the earliest availableFrom among its qualifying resources.
 */
export function designationStartAfter(currentFrom: string | null, resource: { optInAsProvider: boolean; availableFrom: string }): string | null {
  if (!resource.optInAsProvider) return null;
  return currentFrom === null || resource.availableFrom < currentFrom ? resource.availableFrom : null;
}

export const makesProviderAnSrp = (scope: SharedResourceScope, optInAsProvider: boolean): boolean =>
  scope === 'WHOLE_USER_SYSTEM' || optInAsProvider;

export function validateSharedResource(request: SharedResourceRequest, today: string): ValidSharedResource {
  const names = validatePartyName(request.name);
  if (!SCOPES.includes(request.scope)) throw badInput('scope', `must be one of ${SCOPES.join(', ')}`);
  const availableFrom = validateDate('availableFrom', request.availableFrom ?? today);
  if (availableFrom > today) {
    throw badInput('availableFrom', `${availableFrom} is in the future; register the resource on or after the day it becomes available (today is ${today})`);
  }
  return {
    availableFrom,
    ...names,
    scope: request.scope,
    providerPartyId: request.providerPartyId,
    optInAsProvider: makesProviderAnSrp(request.scope, request.optInAsProvider === true),
  };
}
