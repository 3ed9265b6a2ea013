import { refusal } from '@sec-assure/service';
import { RuleViolation } from '@sec-assure/rules';

/** Runs a decision of the rules library and maps its typed refusals to the contract's `extensions.code`. */
export function asGraphQLError<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof RuleViolation) throw refusal(error.code, error.message, error.field ? { field: error.field } : {});
    throw error;
  }
}
