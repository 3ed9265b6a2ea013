// Authentication and authorization shared by the gateway and every subgraph.
// No HTTP framework imports: callers pass header values in and get a Caller or a GraphQLError out.
export { ROLES, isRole, type Caller, type Role } from './roles';
export { unauthenticated, forbidden } from './errors';
export { DEV_SWITCH, DevModeError, assertDevelopmentBind, isDevelopmentMode, isLoopbackHost, type Env } from './env';
export {
  LOCAL_DEV_JWT_SECRET,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  AuthConfigError,
  authConfigFromEnv,
  type AuthConfig,
  type HmacAuthConfig,
  type JwksAuthConfig,
} from './config';
export { createTokenVerifier, type TokenVerifier } from './verifier';
export { callerFromClaims } from './claims';
export { authenticateBearer } from './authenticate';
export {
  DEV_INTERNAL_IDENTITY_SEED,
  InternalIdentityKeyError,
  generateInternalIdentityKeyPair,
  internalIdentitySigningKeyFromEnv,
  internalIdentityVerificationKeyFromEnv,
  type InternalIdentitySigningKey,
  type InternalIdentityVerificationKey,
} from './internal-identity-keys';
export {
  INTERNAL_IDENTITY_HEADER,
  INTERNAL_IDENTITY_TTL_SECONDS,
  signInternalIdentity,
  verifyInternalIdentity,
  type IdentityBinding,
  type IdentityExtras,
  type InternalIdentity,
  type TopicEnds,
} from './internal-identity';
export { ReplayGuard, operationDigest, subgraphAudience, type OperationBinding } from './internal-identity-binding';
export { ACTIONS, POLICY, issueDocumentAction, type Action, type DocumentKind, type PolicyRule, type Scope } from './policy';
export {
  OVERSIGHT_ROLES,
  allowedActions,
  authorize,
  isAllowed,
  isOversight,
  type AuthorizationTarget,
} from './authorize';
export { signLocalToken, type LocalTokenOptions } from './local-token';
export {
  action,
  anyOf,
  emptyWhenDenied,
  forbiddenWhenDenied,
  inherited,
  onlyItems,
  open,
  oversight,
  rolesOf,
  rule,
  type FieldRule,
  type PartyTarget,
  type PolicyContext,
  type SubgraphPolicy,
  type TypePolicy,
} from './field-policy';
export { guardResolvers } from './field-policy-guard';
export { policyGaps, type PolicyGaps } from './field-policy-coverage';
