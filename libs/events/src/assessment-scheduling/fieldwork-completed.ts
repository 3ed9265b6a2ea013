import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const FieldworkCompletedData = z.object({
  assessmentId: Id,
  partyId: Id,
  completedOn: CalendarDate,
});
export type FieldworkCompletedData = z.infer<typeof FieldworkCompletedData>;

export const FieldworkCompleted = defineEvent({
  type: 'FieldworkCompleted',
  topic: TOPICS.assessmentScheduling,
  description: "The CIO completed an assessment's fieldwork.",
  subjectField: 'assessmentId',
  data: FieldworkCompletedData,
});
