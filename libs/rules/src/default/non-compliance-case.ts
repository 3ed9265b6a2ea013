import { ConflictError, RuleInputError } from '../errors';
import type { AssuranceStatus } from '../scheduling/assurance-status';

export type NonComplianceCaseState = 'UNDER_INVESTIGATION' | 'DECIDED';
export type NonComplianceDecision = 'RECOMMEND_EVENT_OF_DEFAULT' | 'NO_RECOMMENDATION';
export const MAX_DECISION_REASONS = 4000;

/**
 * R-DEF-1: a provider found non-compliant (its assessment DEFERRED or REJECTED) is under investigation
 * until the SSC records its decision, with reasons. Users are flagged only by a recommendation.
 */
export interface NonComplianceCase {
  id: string;
  providerPartyId: string;
  assessmentId: string;
  assessmentStatus: AssuranceStatus;
  openedOn: string;
  state: NonComplianceCaseState;
  decision: NonComplianceDecision | null;
  reasons: string | null;
  decidedOn: string | null;
  /** The SSC member (token `sub`) who recorded the decision. */
  decidedBy: string | null;
  decidedAt: Date | null;
  /** With a recommendation: the Event of Default recommendation recorded for the Panel. */
  recommendationId: string | null;
  /** With a recommendation: the provider's current Users on the decision day, flagged jointly and severally liable. */
  flaggedUserPartyIds: string[];
}

/** R-DEF-1: a case as it opens: under investigation, nothing recommended, nobody flagged. */
export function openedNonComplianceCase(id: string, finding: { providerPartyId: string; assessmentId: string; status: AssuranceStatus; openedOn: string }): NonComplianceCase {
  return {
    id,
    providerPartyId: finding.providerPartyId,
    assessmentId: finding.assessmentId,
    assessmentStatus: finding.status,
    openedOn: finding.openedOn,
    state: 'UNDER_INVESTIGATION',
    decision: null,
    reasons: null,
    decidedOn: null,
    decidedBy: null,
    decidedAt: null,
    recommendationId: null,
    flaggedUserPartyIds: [],
  };
}

/** The SSC's decision as asked for: recommend or not, and why (R-DEF-1). */
export interface DecisionRequest {
  recommendEventOfDefault: boolean;
  reasons: string;
}

/** What a decision changes on the case; `flaggedUserPartyIds` is filled only with a recommendation. */
export interface CaseDecision {
  state: Extract<NonComplianceCaseState, 'DECIDED'>;
  decision: NonComplianceDecision;
  reasons: string;
  decidedOn: string;
  decidedBy: string;
  decidedAt: Date;
  flaggedUserPartyIds: string[];
}

/** R-DEF-1: a case is decided once; the refusal names the decision already recorded. */
export class CaseAlreadyDecidedError extends ConflictError {
  override readonly name: string = 'CaseAlreadyDecidedError';
  constructor(readonly caseId: string, readonly decided: { decision: NonComplianceDecision | null; decidedOn: string | null; decidedBy: string | null }) {
    super(`Non-compliance case ${caseId} was already decided (${decided.decision}) on ${decided.decidedOn} by ${decided.decidedBy}; a decision is recorded once.`);
  }
}

/** Reasons a person can read later: trimmed, 1 to 4000 characters. */
export function validateDecisionReasons(reasons: string): string {
  const text = reasons.trim();
  if (text.length === 0) throw new RuleInputError('reasons', "reasons: must give the SSC's reasons for its decision (nature and severity, any remediation plan); not blank");
  if (text.length > MAX_DECISION_REASONS) throw new RuleInputError('reasons', `reasons: must be at most ${MAX_DECISION_REASONS} characters (got ${text.length})`);
  return text;
}

/**
 * R-DEF-1: the SSC decides a case under investigation once: recommend an Event of Default to the SEC
 * Panel, or no recommendation, with its reasons. Only a recommendation flags the provider's current
 * Users (jointly and severally liable); no recommendation flags nobody. A decided case is refused.
 */
export function decideNonComplianceCase(
  current: Pick<NonComplianceCase, 'id' | 'state' | 'decision' | 'decidedOn' | 'decidedBy'>,
  request: DecisionRequest,
  context: { today: string; actor: string; now: Date; currentUsers: readonly string[] },
): CaseDecision {
  if (current.state !== 'UNDER_INVESTIGATION') throw new CaseAlreadyDecidedError(current.id, current);
  const reasons = validateDecisionReasons(request.reasons);
  const recommend = request.recommendEventOfDefault;
  return {
    state: 'DECIDED',
    decision: recommend ? 'RECOMMEND_EVENT_OF_DEFAULT' : 'NO_RECOMMENDATION',
    reasons,
    decidedOn: context.today,
    decidedBy: context.actor,
    decidedAt: context.now,
    flaggedUserPartyIds: recommend ? [...new Set(context.currentUsers)].sort() : [],
  };
}

/**
 * R-DEF-1, R-DIST-4: what a User of the provider sees of a case: that its provider is under a case,
 * and the decision. Never the provider's assessment, its status, the reasons or the other Users.
 */
export interface UserCaseView {
  id: string;
  providerPartyId: string;
  openedOn: string;
  state: NonComplianceCaseState;
  decision: NonComplianceDecision | null;
  decidedOn: string | null;
  /** The viewing party is among the Users flagged by a recommendation. */
  flagged: boolean;
}

export function userViewOfCase(found: NonComplianceCase, userPartyId: string): UserCaseView {
  return {
    id: found.id,
    providerPartyId: found.providerPartyId,
    openedOn: found.openedOn,
    state: found.state,
    decision: found.decision,
    decidedOn: found.decidedOn,
    flagged: found.flaggedUserPartyIds.includes(userPartyId),
  };
}
