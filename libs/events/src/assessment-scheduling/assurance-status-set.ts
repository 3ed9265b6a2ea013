import { z } from 'zod';
import { defineEvent } from '../envelope';
import { AssuranceStatus } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const AssuranceStatusSetData = z.object({
  assessmentId: Id,
  partyId: Id,
  status: AssuranceStatus,
  setOn: CalendarDate,
  /** The conditions of an APPROVED_SUBJECT_TO status; null for the other statuses. */
  conditions: z.string().nullable(),
  nextDueBy: CalendarDate,
});
export type AssuranceStatusSetData = z.infer<typeof AssuranceStatusSetData>;

export const AssuranceStatusSet = defineEvent({
  type: 'AssuranceStatusSet',
  topic: TOPICS.assessmentScheduling,
  description: 'The SSC set the assurance status of an assessed party.',
  subjectField: 'assessmentId',
  data: AssuranceStatusSetData,
});
