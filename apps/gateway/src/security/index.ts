// The gateway's request-level defences: operation limits and error masking.
export { DEFAULT_SECURITY_LIMITS, securityLimitsFromEnv, type SecurityLimits } from './limits';
export { DEFAULT_PAGE_SIZES, ENUM_BOUNDED_LISTS, RULE_BOUNDED_LISTS, costLimitRule, type CostLimitOptions } from './cost-limit-rule';
export { costLimitPlugin, costWithVariables } from './cost-limit-plugin';
export { armorValidationRules } from './armor-rules';
export { CLIENT_ERROR_CODES, INTERNAL_ERROR_CODE, internalErrorMessage, isClientError, maskError } from './mask-error';
export { errorMaskingPlugin, type ErrorLogger, type ErrorMaskingPluginOptions } from './error-masking-plugin';
export {
  securityPlugins,
  securityServerOptions,
  securityValidationRules,
  type SecurityPluginsConfig,
  type SecurityServerOptions,
} from './security-options';
