import { badInput } from '@sec-assure/service';
import type { SharedResourceScope } from '../entities/shared-resource.entity';
import { validatePartyName } from './party-registration';

export interface SharedResourceRequest {
  name: string;
  scope: SharedResourceScope;
  providerPartyId: string;
  optInAsProvider?: boolean | null;
}

export interface ValidSharedResource {
  name: string;
  nameKey: string;
  scope: SharedResourceScope;
  providerPartyId: string;
  /** Effective opt-in: WHOLE_USER_SYSTEM always counts as opted in (R-SRP-3). */
  optInAsProvider: boolean;
}

const SCOPES: readonly SharedResourceScope[] = ['WHOLE_USER_SYSTEM', 'PART_OF_USER_SYSTEM'];

/**
 * R-SRP-3/4: a whole-system resource makes its provider a Shared Resource Provider; a part-system one
 * does only when the provider opts in. optInAsProvider is ignored (treated as true) for WHOLE_USER_SYSTEM.
 */
export const makesProviderAnSrp = (scope: SharedResourceScope, optInAsProvider: boolean): boolean =>
  scope === 'WHOLE_USER_SYSTEM' || optInAsProvider;

export function validateSharedResource(request: SharedResourceRequest): ValidSharedResource {
  let names: { name: string; nameKey: string };
  try {
    names = validatePartyName(request.name);
  } catch {
    throw badInput('name', 'must be 1 to 200 characters after trimming');
  }
  if (!SCOPES.includes(request.scope)) throw badInput('scope', `must be one of ${SCOPES.join(', ')}`);
  return {
    ...names,
    scope: request.scope,
    providerPartyId: request.providerPartyId,
    optInAsProvider: makesProviderAnSrp(request.scope, request.optInAsProvider === true),
  };
}
