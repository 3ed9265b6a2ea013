/** Limits on what one GraphQL request may ask for. All are per operation. */
export interface SecurityLimits {
  /** Deepest field nesting (fragments flattened; introspection's __schema not counted). */
  maxDepth: number;
  /** Aliased fields per operation: aliases are how one request multiplies expensive fields. */
  maxAliases: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** Lexical tokens per document; stops huge documents before they are even parsed fully. */
  maxTokens: number;
  /** Estimated cost, see cost-limit-rule.ts. */
  maxCost: number;
  /** Items a list field is assumed to return when it is neither paged nor bounded by its rule. */
  assumedListSize: number;
  /** Kept for compatibility (GRAPHQL_MAX_LIST_SIZE): `first` is now counted at its real value, variables included. */
  maxListSize: number;
}

export const DEFAULT_SECURITY_LIMITS: Readonly<SecurityLimits> = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
  assumedListSize: 10,
  maxListSize: 100,
};

const ENV_NAMES: Readonly<Record<keyof SecurityLimits, string>> = {
  maxDepth: 'GRAPHQL_MAX_DEPTH',
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  maxDirectives: 'GRAPHQL_MAX_DIRECTIVES',
  maxTokens: 'GRAPHQL_MAX_TOKENS',
  maxCost: 'GRAPHQL_MAX_COST',
  assumedListSize: 'GRAPHQL_ASSUMED_LIST_SIZE',
  maxListSize: 'GRAPHQL_MAX_LIST_SIZE',
};

/** Defaults, overridden by GRAPHQL_MAX_* variables; a value that is not a positive integer fails the start. */
export function securityLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SecurityLimits {
  const limits = { ...DEFAULT_SECURITY_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof SecurityLimits)[]) {
    const raw = env[ENV_NAMES[key]]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`${ENV_NAMES[key]} must be a positive integer (got ${JSON.stringify(raw)})`);
    }
    limits[key] = value;
  }
  return limits;
}
