// Value lists shared by several events. They mirror the GraphQL contract's enums; they are
// defined here (not imported from other libs) so that the event contract depends on nothing.
import { z } from 'zod';

export const UserRole = z.enum([
  'IMPORT_SUPPLIER',
  'EXPORT_SUPPLIER',
  'GAS_SUPPLIER',
  'ELECTRICITY_DISTRIBUTOR',
  'GAS_TRANSPORTER',
  'OTHER_USER',
]);
export type UserRole = z.infer<typeof UserRole>;

export const SharedResourceScope = z.enum(['WHOLE_USER_SYSTEM', 'PART_OF_USER_SYSTEM']);
export type SharedResourceScope = z.infer<typeof SharedResourceScope>;

export const AssessmentType = z.enum(['FULL', 'VERIFICATION', 'SELF', 'FOLLOW_UP']);
export type AssessmentType = z.infer<typeof AssessmentType>;

export const AssessmentCategory = z.enum(['SUPPLIER', 'NETWORK', 'OTHER_USER', 'SHARED_RESOURCE_PROVIDER']);
export type AssessmentCategory = z.infer<typeof AssessmentCategory>;

export const RuleSet = z.enum(['LEGACY', 'SECMP0044']);
export type RuleSet = z.infer<typeof RuleSet>;

export const AssuranceStatus = z.enum(['APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED']);
export type AssuranceStatus = z.infer<typeof AssuranceStatus>;

export const DocumentKind = z.enum([
  'ASSESSMENT_REPORT',
  'MANAGEMENT_RESPONSE',
  'SSC_OUTCOME',
  'REMEDIATION_PROGRESS',
  'REMEDIATION_COMPLETION',
  'REMEDIATION_FAILURE',
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const SscSeatKind = z.enum([
  'CHAIR',
  'LARGE_SUPPLIER',
  'SMALL_SUPPLIER',
  'ELECTRICITY_NETWORK',
  'GAS_NETWORK',
  'OTHER_USER',
  'SHARED_RESOURCE_PROVIDER',
  'TABASC',
]);
export type SscSeatKind = z.infer<typeof SscSeatKind>;
