import { isAllowed, isOversight } from './authorize';
import { POLICY, type Action } from './policy';
import { ROLES, type Caller } from './roles';

/**
 * Field-level authorization: which caller may read which field of which object, declared once per
 * subgraph (apps/<svc>/src/authorization/policy.ts) and applied to every resolver by guardResolvers.
 * A field without a rule is denied (and listed by policyGaps), so a new field cannot leak by default.
 */

/** What every subgraph context carries: the caller the gateway vouched for. */
export interface PolicyContext {
  caller: Caller;
}

export interface FieldRule<TParent = unknown, TContext extends PolicyContext = PolicyContext> {
  /** Who passes, in words: the FORBIDDEN message and the coverage printout use it. */
  readonly describe: string;
  /** Every authenticated caller passes: the guard adds nothing, and no type default may be open. */
  readonly open?: true;
  /** An open type default allowed by policyGaps: the type names no party, and every field returning it is checked. */
  readonly inherits?: true;
  readonly allows: (parent: TParent, args: Readonly<Record<string, unknown>>, ctx: TContext) => boolean | Promise<boolean>;
  /** List fields only: the items this caller may see; the others are left out as if absent (R-DIST-4). */
  readonly visibleItem?: (item: never, ctx: TContext, parent: TParent) => boolean;
  /**
   * A denied non-root field answers null when its type allows, else FORBIDDEN; 'emptyList' where absence is the rule;
   * 'forbidden' where the contract gives null a meaning of its own, which a silent null would falsely tell.
   */
  readonly whenDenied?: 'emptyList' | 'forbidden';
}

/** The rules of one GraphQL type: per field, and a default for fields not named. */
export interface TypePolicy<TParent = unknown, TContext extends PolicyContext = PolicyContext> {
  /** Applies to the fields not in `fields`; never open (a new field must not be public unseen). */
  readonly default?: FieldRule<TParent, TContext>;
  readonly fields?: Readonly<Record<string, FieldRule<TParent, TContext>>>;
  /** Entities (@key) only: who may resolve a reference; the parent is the representation ({ id }). */
  readonly reference?: FieldRule<Readonly<Record<string, unknown>>, TContext>;
}

/**
 * A subgraph's policy, typed by its generated ResolversParentTypes so that each rule sees the parent
 * its resolvers see. Keys that are not object types of the schema are reported as stale.
 */
export type SubgraphPolicy<TParents, TContext extends PolicyContext> = {
  readonly [TypeName in keyof TParents]?: TypePolicy<TParents[TypeName], TContext>;
};

/** Any authenticated caller (subgraphs accept only requests the gateway authenticated). */
export function open<TParent = unknown>(why: string): FieldRule<TParent, PolicyContext> {
  return { describe: `any authenticated caller (${why})`, open: true, allows: () => true };
}

/**
 * Default of a value type that names no party of its own (a requirement, a load row): it is reached
 * only through fields that are checked, so it inherits their decision. New fields are covered.
 */
export function inherited<TParent = unknown>(why: string): FieldRule<TParent, PolicyContext> {
  return { describe: `whoever may read the field that returned it (${why})`, open: true, inherits: true, allows: () => true };
}

/** SECAS_ADMIN and SSC_MEMBER: the contract's oversight reads. */
export function oversight<TParent = unknown>(): FieldRule<TParent, PolicyContext> {
  return { describe: 'an oversight role (SECAS_ADMIN or SSC_MEMBER)', allows: (_p, _a, ctx) => isOversight(ctx.caller) };
}

/** A party id, several (any of them suffices), or none. */
export type PartyTarget = string | readonly string[] | null | undefined;

/**
 * The role table's answer for `action` about the party (or parties) `target` names: e.g.
 * action('readParty', (party) => party.id) passes oversight and USER_CIO for every party, and a
 * PARTY_USER only for its own.
 */
export function action<TParent = unknown>(
  name: Action,
  target?: (parent: TParent, args: Readonly<Record<string, unknown>>) => PartyTarget,
): FieldRule<TParent, PolicyContext> {
  return {
    describe: describeAction(name, target !== undefined),
    allows: (parent, args, ctx) => {
      if (!target) return isAllowed(ctx.caller, name);
      const parties = target(parent, args);
      if (parties === null || parties === undefined || typeof parties === 'string') return isAllowed(ctx.caller, name, { partyId: parties ?? null });
      return parties.some((partyId) => isAllowed(ctx.caller, name, { partyId }));
    },
  };
}

/**
 * A root field whose target is known only inside the resolver (an input object, a loaded row): the
 * caller needs a role with some grant of `name`, and the resolver calls authorize() with the target.
 */
export function rolesOf<TParent = unknown>(name: Action): FieldRule<TParent, PolicyContext> {
  const rule = POLICY[name];
  return {
    describe: `${describeAction(name, false)}; the resolver checks the party`,
    allows: (_p, _a, ctx) => rule.anyAuthenticated === true || ctx.caller.roles.some((role) => rule.grants[role] !== undefined),
  };
}

/** A rule of its own, for what the role table cannot say (e.g. R-DIST-4: recipients of a document). */
export function rule<TParent, TContext extends PolicyContext = PolicyContext>(
  describe: string,
  allows: FieldRule<TParent, TContext>['allows'],
): FieldRule<TParent, TContext> {
  return { describe, allows };
}

/** Passes when any of the rules passes (checked in order; later ones only when needed). */
export function anyOf<TParent, TContext extends PolicyContext>(...rules: Array<FieldRule<TParent, TContext>>): FieldRule<TParent, TContext> {
  return {
    describe: rules.map((r) => r.describe).join(', or '),
    allows: (parent, args, ctx) => {
      const next = (index: number): boolean | Promise<boolean> => {
        if (index >= rules.length) return false;
        const verdict = rules[index]!.allows(parent, args, ctx);
        if (verdict === true) return true;
        if (verdict === false) return next(index + 1);
        return verdict.then((ok) => ok || next(index + 1));
      };
      return next(0);
    },
  };
}

/** The same rule, answering an empty list when denied (absence, not refusal: R-DIST-4). */
export function emptyWhenDenied<TParent, TContext extends PolicyContext>(base: FieldRule<TParent, TContext>): FieldRule<TParent, TContext> {
  return { ...base, whenDenied: 'emptyList' };
}

/** The same rule, FORBIDDEN when denied even where the field is nullable (its null means something else). */
export function forbiddenWhenDenied<TParent, TContext extends PolicyContext>(base: FieldRule<TParent, TContext>): FieldRule<TParent, TContext> {
  return { ...base, whenDenied: 'forbidden' };
}

/** The same rule, leaving out the list items the caller may not see. */
export function onlyItems<TParent, TItem, TContext extends PolicyContext>(
  base: FieldRule<TParent, TContext>,
  visible: (item: TItem, ctx: TContext, parent: TParent) => boolean,
  describeItems: string,
): FieldRule<TParent, TContext> {
  return { ...base, describe: `${base.describe}; items: ${describeItems}`, visibleItem: visible as (item: never, ctx: TContext, parent: TParent) => boolean };
}

function describeAction(name: Action, withTarget: boolean): string {
  const rule = POLICY[name];
  if (rule.anyAuthenticated === true) return `any authenticated caller (${name})`;
  const roles = ROLES.filter((role) => rule.grants[role] !== undefined).map((role) =>
    rule.grants[role] === 'ownParty' ? `${role} of ${withTarget ? 'this' : 'its own'} party` : role,
  );
  return `${name}: ${roles.length > 0 ? roles.join(', ') : 'nobody'}`;
}
