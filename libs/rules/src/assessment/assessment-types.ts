/** R-TYPE-1 (names as in the GraphQL enum AssessmentType). */
export const ASSESSMENT_TYPES = ['FULL', 'VERIFICATION', 'SELF', 'FOLLOW_UP'] as const;
export type AssessmentType = (typeof ASSESSMENT_TYPES)[number];

/** The types that are annual assessments; FOLLOW_UP is requested by the SSC outside the cycle. */
export const ANNUAL_ASSESSMENT_TYPES = ['FULL', 'VERIFICATION', 'SELF'] as const;
export type AnnualAssessmentType = (typeof ANNUAL_ASSESSMENT_TYPES)[number];

const DEMAND: Readonly<Record<AnnualAssessmentType, number>> = { FULL: 3, VERIFICATION: 2, SELF: 1 };

/** R-TYPE-1: FULL > VERIFICATION > SELF. Higher means more demanding. */
export function demandOf(type: AnnualAssessmentType): number {
  return DEMAND[type];
}

export function isAnnualAssessmentType(type: unknown): type is AnnualAssessmentType {
  return type === 'FULL' || type === 'VERIFICATION' || type === 'SELF';
}

export function isAssessmentType(type: unknown): type is AssessmentType {
  return isAnnualAssessmentType(type) || type === 'FOLLOW_UP';
}
