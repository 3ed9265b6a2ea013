import { forbidden } from './errors';
import { ACTIONS, POLICY, type Action, type PolicyRule } from './policy';
import { ROLES, type Caller, type Role } from './roles';

/** The party an action is about, when ownership matters (PARTY_USER may act only for its own). */
export interface AuthorizationTarget {
  partyId?: string | null;
}

/** Roles that may read across all parties (contract README §2: "oversight reads"). */
export const OVERSIGHT_ROLES: readonly Role[] = ['SECAS_ADMIN', 'SSC_MEMBER'];

export function isOversight(caller: Caller): boolean {
  return caller.roles.some((role) => OVERSIGHT_ROLES.includes(role));
}

/**
 * True when one of the caller's roles grants the action for this target. Use it where a refusal must
 * look like absence (a document the caller may not see is reported as null, R-DIST-4).
 */
export function isAllowed(caller: Caller, action: Action, target?: AuthorizationTarget): boolean {
  // Guards against actions that exist only at runtime (e.g. a typo in untyped code): deny.
  if (!Object.hasOwn(POLICY, action)) return false;
  const rule = POLICY[action];
  if (rule.anyAuthenticated === true) return true;
  return caller.roles.some((role) => {
    const scope = rule.grants[role];
    if (scope === 'any') return true;
    if (scope === 'ownParty') {
      const targetParty = target?.partyId;
      return typeof targetParty === 'string' && caller.partyId !== null && targetParty === caller.partyId;
    }
    return false;
  });
}

/** Throws FORBIDDEN, naming the roles that would be allowed, unless the caller may do this. */
export function authorize(caller: Caller, action: Action, target?: AuthorizationTarget): void {
  if (!isAllowed(caller, action, target)) {
    const rule = Object.hasOwn(POLICY, action) ? POLICY[action] : undefined;
    throw forbidden(`${String(action)} is not allowed: it requires ${describeGrants(rule)}`);
  }
}

/** The actions a role may run (those limited to its own party included). */
export function allowedActions(role: Role): Action[] {
  return ACTIONS.filter((action) => POLICY[action].anyAuthenticated === true || POLICY[action].grants[role] !== undefined);
}

function describeGrants(rule: PolicyRule | undefined): string {
  if (rule === undefined) return 'a permission nobody has';
  const anyScope = ROLES.filter((role) => rule.grants[role] === 'any');
  const ownScope = ROLES.filter((role) => rule.grants[role] === 'ownParty');
  const parts: string[] = [];
  if (anyScope.length > 0) parts.push(`role ${joinOr(anyScope)}`);
  if (ownScope.length > 0) parts.push(`role ${joinOr(ownScope)} acting for its own party`);
  return parts.length > 0 ? parts.join(', or ') : 'a permission nobody has';
}

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
