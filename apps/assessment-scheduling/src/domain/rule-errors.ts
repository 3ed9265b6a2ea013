import { refusal } from '@sec-assure/service';
import { RuleInputError, RuleViolation } from '@sec-assure/rules';

/** Maps the rules library's typed errors to the contract's `extensions.code`. */
export function asGraphQLError<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof RuleInputError) throw refusal('BAD_USER_INPUT', error.message, { field: error.field });
    if (error instanceof RuleViolation) throw refusal(error.code, error.message);
    throw error;
  }
}
