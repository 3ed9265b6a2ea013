import { RuleInputError } from '../errors';

/** R-DIST-1 (names as in the GraphQL enum DocumentKind). */
export const DOCUMENT_KINDS = [
  'ASSESSMENT_REPORT',
  'MANAGEMENT_RESPONSE',
  'SSC_OUTCOME',
  'REMEDIATION_PROGRESS',
  'REMEDIATION_COMPLETION',
  'REMEDIATION_FAILURE',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function assertDocumentKind(value: unknown, field = 'kind'): DocumentKind {
  if (typeof value !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(value)) {
    throw new RuleInputError(field, `${field} must be one of ${DOCUMENT_KINDS.join(', ')}; got ${JSON.stringify(value)}.`);
  }
  return value as DocumentKind;
}
