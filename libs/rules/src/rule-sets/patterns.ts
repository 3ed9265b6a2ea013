import type { UserCategory } from '../parties/user-roles';
import type { BandPattern } from './rule-set';

/** R-MATRIX-2, the FMR §2 table. Both current rule sets share it; they differ in premises and providers. */
export const FMR_USER_PATTERNS: Readonly<Record<UserCategory, BandPattern>> = {
  SUPPLIER: { LARGE: ['FULL', 'FULL'], SMALL: ['VERIFICATION', 'SELF'] },
  NETWORK: { LARGE: ['VERIFICATION', 'VERIFICATION'], SMALL: ['VERIFICATION', 'SELF'] },
  OTHER_USER: { LARGE: ['SELF', 'SELF'], SMALL: ['SELF', 'SELF'] },
};

/** R-MATRIX-2 / R-SRP-5: a provider follows the supplier pattern on the aggregate of its Users. */
export const FMR_PROVIDER_PATTERN: BandPattern = { LARGE: ['FULL', 'FULL'], SMALL: ['VERIFICATION', 'SELF'] };
