// Public API of @sec-assure/rules: the SECMP0044 rules as pure functions and data (RULES.md ids).
export * from './errors';
export * from './values';

export { ASSESSMENT_TYPES, ANNUAL_ASSESSMENT_TYPES, demandOf, isAnnualAssessmentType, isAssessmentType } from './assessment/assessment-types';
export type { AssessmentType, AnnualAssessmentType } from './assessment/assessment-types';

export { parseIsoDate, addCalendarMonths } from './calendar/iso-date';
export type { IsoDate } from './calendar/iso-date';
export {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  BANK_HOLIDAY_TABLE_FIRST_YEAR,
  BANK_HOLIDAY_TABLE_LAST_YEAR,
} from './calendar/bank-holidays';
export type { BankHoliday } from './calendar/bank-holidays';
export { createWorkingDayCalendar, DEFAULT_WORKING_DAY_CALENDAR, isWorkingDay, addWorkingDays } from './calendar/working-days';
export type { WorkingDayCalendar, WorkingDayCalendarConfig } from './calendar/working-days';
export {
  implementationDateFromDecision,
  SECMP0044_DECISION_DATE,
  REFERRAL_PERIOD_WORKING_DAYS,
  IMPLEMENTATION_LAG_WORKING_DAYS,
} from './calendar/implementation-date';
export type { ImplementationDateOptions } from './calendar/implementation-date';
export { isLateNotification, NOTIFICATION_WORKING_DAYS } from './calendar/late-notification';
export { knownOnDay } from './calendar/known-on';
export {
  DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS,
  isPracticeThreshold,
  noticeStanding,
  workingDaysToNotice,
} from './calendar/late-notification';
export type { NoticeStanding, NoticeOptions } from './calendar/late-notification';

export {
  USER_ROLES,
  ASSESSMENT_CATEGORIES,
  categoryOfRole,
  categoriesOfRoles,
  isUserRole,
  parseUserRoles,
  UNDATED_ROLES_FROM,
} from './parties/user-roles';
export type { UserRole, AssessmentCategory, UserCategory } from './parties/user-roles';
export { isUserOn, roleDifference, rolesHeldOn } from './parties/role-history';
export type { RoleChange } from './parties/role-history';
export { isPremisesCount, LARGE_PREMISES_THRESHOLD, MAX_PREMISES_COUNT, PREMISES_COUNT_RULE, premisesBand, premisesAsOf } from './parties/premises';
export type { PremisesBand, PremisesRecord, PremisesAsOf } from './parties/premises';
export type { Engagement } from './parties/engagements';

export { RULE_SET_NAMES } from './rule-sets/rule-set';
export type { RuleSetName, RuleSetDefinition, BandPattern, YearTwoAndThree } from './rule-sets/rule-set';
export { LEGACY_RULE_SET } from './rule-sets/legacy';
export { SECMP0044_RULE_SET, SECMP0044_IMPLEMENTATION_DATE } from './rule-sets/secmp0044';
export { createRuleSetRegistry, createDefaultRuleSetRegistry, DEFAULT_RULE_SET_REGISTRY } from './rule-sets/registry';
export type { RuleSetRegistry, DefaultRuleSetOptions } from './rule-sets/registry';
export { createRuleSettings } from './rule-sets/settings';
export type { RuleSettings, RuleSettingsInput } from './rule-sets/settings';

export type { AssessmentRequirement } from './determination/assessment-requirement';
export { cyclePositionOf, annualAssessmentsSinceLastFull, annualAssessmentsSinceLastFullByCategory, rejectedFullCategories } from './determination/cycle';
export type { CyclePosition, CycleHistoryEntry, SinceLastFullByCategory } from './determination/cycle';
export { determineAssessment } from './determination/determine-assessment';
export type { DeterminationInput, DeterminationOptions } from './determination/determine-assessment';
export { determineRequirement } from './determination/determine-requirement';
export { ruleSetSentenceOn, withoutOtherUsersNamed } from './determination/explanation';
export { usesOwnSharedResource, aggregateMembers, sharedResourcesUsed } from './determination/shared-resource';
export type { SharedResourceParty } from './determination/shared-resource';
export { noAnnualAssessment, describeNoAnnualAssessment, needsNoAssessmentAtAll } from './determination/annual-due';
export type { NoAnnualAssessmentReason, AnnualDueFacts } from './determination/annual-due';
export type { RequirementInput, RequirementOptions } from './determination/determine-requirement';

export { nextAssessmentDueBy, isOverdue, isSchedulingOverdue, isFieldworkNotRecorded, MONTHS_TO_NEXT_ASSESSMENT } from './scheduling/due-date';
export { assertDeterminationDate } from './scheduling/determination-date';
export { bookingDay, defaultBookingDay } from './scheduling/booking-day';
export type { BookingRequest } from './scheduling/booking-day';
export type { DeterminationDateBounds } from './scheduling/determination-date';
export { isAnnualAssessmentAllowed, assertProviderAssessmentAllowed } from './scheduling/annual-limit';
export type { ExistingAssessment } from './scheduling/annual-limit';
export {
  ASSURANCE_STATUSES,
  isAssuranceStatus,
  statusConsequences,
  validateAssuranceStatus,
  requiredAssessmentAfterStatus,
} from './scheduling/assurance-status';
export type { AssuranceStatus, StatusConsequences } from './scheduling/assurance-status';
export { partyDue, lastStatusSet, dueStatus, daysUntil } from './scheduling/party-due';
export type { PartyDue, DueAssessment, DueAssessmentState, DueOverride, DueStatus } from './scheduling/party-due';

export { DOCUMENT_KINDS, assertDocumentKind } from './distribution/document-kinds';
export type { DocumentKind } from './distribution/document-kinds';
export { documentRecipients } from './distribution/recipients';
export type { RecipientsInput } from './distribution/recipients';
export { canReadDocument, OVERSIGHT_ROLES } from './distribution/access';
export type { Viewer, ReadableDocument } from './distribution/access';
export { documentsForNewlyEngagedUser, engagementEverInForce, newUserDocumentsDue } from './distribution/documents-for-new-user';
export type { IssuedDocument, NewUserDocumentsDue } from './distribution/documents-for-new-user';
export { issueDate, londonDayOf, PLATFORM_TIME_ZONE } from './distribution/issue-date';

export { SSC_SEAT_KINDS, SSC_SEATS, SSC_TERM_MONTHS, termEndsOn, electionClosedOn, isCurrentMember, membersMakingWay, assertImpartialityDeclared } from './ssc/seats';
export type { SscSeatKind, SscSeat, SeatMember, SeatAppointment } from './ssc/seats';
export { checkNomination, assertNominationEligible, assertNomineeApproved } from './ssc/nomination';
export type { NominationFacts, NominationCheck } from './ssc/nomination';
export { checkVoter, assertVoterEligible, assertVotingOpen, hasVoted, assertNotAlreadyVoted, electionResult } from './ssc/election';
export type { Voter, Vote, VoterCheck, ElectionResultInput, ElectionResult } from './ssc/election';
export { isProviderOn, voterOn } from './ssc/electorate';

export { countAssessments } from './impact/impact-count';
export type { PopulationParty, ImpactCountInput, PartyImpact, ImpactCount } from './impact/impact-count';
export { PROPOSED_2027_RULE_SET, PREVIEW_RULE_SETS } from './rule-sets/proposed-2027';
export { assessmentLoadWhatIf, whatIfRegistry, whatIfRuleSets, explainChange, MAX_WHAT_IF_THRESHOLDS } from './what-if';
export type { WhatIfResult, ThresholdOutcome, TypeChange, WhatIfRuleSet } from './what-if';

export { isBackDatedEnd, copiesAfterEnd, assertEndKeepsIssuedCopies, EndBeforeIssuedCopiesError, endMovedForCopy } from './distribution/back-dated-end';
export type { HeldCopy, EngagementSpan, EndMoved } from './distribution/back-dated-end';
export {
  decideNonComplianceCase,
  openedNonComplianceCase,
  validateDecisionReasons,
  userViewOfCase,
  CaseAlreadyDecidedError,
  MAX_DECISION_REASONS,
} from './default/non-compliance-case';
export type { NonComplianceCase, NonComplianceCaseState, NonComplianceDecision, DecisionRequest, CaseDecision, UserCaseView } from './default/non-compliance-case';
