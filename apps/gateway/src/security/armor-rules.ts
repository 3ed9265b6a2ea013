import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { SecurityLimits } from './limits';

/**
 * Depth, alias and directive limits from graphql-armor (its Apollo integration declares Apollo
 * Server 5 support). Only its validation rules are used:
 * - its cost rule ignores list sizes, so cost-limit-rule.ts replaces it;
 * - its token limit throws from a parsing hook (answered as a 500); graphql-js's own `maxTokens`
 *   parse option gives a clean GRAPHQL_PARSE_FAILED instead;
 * - its field-suggestion masking is what Apollo's `hideSchemaDetailsFromClientErrors` does natively.
 */
export function armorValidationRules(limits: Pick<SecurityLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  const report = { propagateOnRejection: false, onReject: [reportAsValidationError] };
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...report },
    maxAliases: { n: limits.maxAliases, ...report },
    maxDirectives: { n: limits.maxDirectives, ...report },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
}

/** Armor prefixes its messages with "Syntax Error:", which misleads: the query is valid, just too big. */
function reportAsValidationError(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error:\s*/, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );
}
