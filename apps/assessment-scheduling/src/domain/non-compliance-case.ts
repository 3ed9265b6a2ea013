import { badInput, conflict } from '@sec-assure/service';
import type { NonComplianceCaseRow, NonComplianceCaseState, NonComplianceDecision } from '../entities/non-compliance-case.entity';

export const MAX_DECISION_REASONS = 4000;

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

/** Reasons a person can read later: trimmed, 1 to 4000 characters. */
export function validateReasons(reasons: string): string {
  const text = reasons.trim();
  if (text.length === 0) throw badInput('reasons', 'must give the SSC\'s reasons for its decision (nature and severity, any remediation plan); not blank');
  if (text.length > MAX_DECISION_REASONS) throw badInput('reasons', `must be at most ${MAX_DECISION_REASONS} characters (got ${text.length})`);
  return text;
}

/**
 * R-DEF-1: the SSC decides a case under investigation once: recommend an Event of Default to the SEC
 * Panel, or no recommendation, with its reasons. Only a recommendation flags the provider's current
 * Users (jointly and severally liable); no recommendation flags nobody. A decided case is CONFLICT.
 */
export function decideCase(
  current: Pick<NonComplianceCaseRow, 'id' | 'state' | 'decision' | 'decidedOn' | 'decidedBy'>,
  request: DecisionRequest,
  context: { today: string; actor: string; now: Date; currentUsers: readonly string[] },
): CaseDecision {
  if (current.state !== 'UNDER_INVESTIGATION') {
    throw conflict(`Non-compliance case ${current.id} was already decided (${current.decision}) on ${current.decidedOn} by ${current.decidedBy}; a decision is recorded once.`);
  }
  const reasons = validateReasons(request.reasons);
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

export function userViewOf(row: NonComplianceCaseRow, userPartyId: string): UserCaseView {
  return {
    id: row.id,
    providerPartyId: row.providerPartyId,
    openedOn: row.openedOn,
    state: row.state,
    decision: row.decision,
    decidedOn: row.decidedOn,
    flagged: row.flaggedUserPartyIds.includes(userPartyId),
  };
}
