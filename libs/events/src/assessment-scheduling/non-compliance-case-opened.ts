import { z } from 'zod';
import { defineEvent } from '../envelope';
import { AssuranceStatus } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const NonComplianceCaseOpenedData = z.object({
  caseId: Id,
  providerPartyId: Id,
  /** The provider's assessment whose status (DEFERRED or REJECTED) opened the case. */
  assessmentId: Id,
  assessmentStatus: AssuranceStatus,
  openedOn: CalendarDate,
});
export type NonComplianceCaseOpenedData = z.infer<typeof NonComplianceCaseOpenedData>;

export const NonComplianceCaseOpened = defineEvent({
  type: 'NonComplianceCaseOpened',
  topic: TOPICS.assessmentScheduling,
  description:
    "A Shared Resource Provider's assessment was set DEFERRED or REJECTED: a non-compliance case is opened, under investigation by the SSC (R-DEF-1). " +
    'Nothing is recommended and nobody is flagged yet. Published with ProviderNonCompliant.',
  subjectField: 'caseId',
  data: NonComplianceCaseOpenedData,
});
