import { z } from 'zod';
import { defineEvent } from '../envelope';
import { SscSeatKind } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const ElectionOpenedData = z.object({
  electionId: Id,
  seatKind: SscSeatKind,
  opensOn: CalendarDate,
  closesOn: CalendarDate,
});
export type ElectionOpenedData = z.infer<typeof ElectionOpenedData>;

export const ElectionOpened = defineEvent({
  type: 'ElectionOpened',
  topic: TOPICS.sscMembership,
  description: 'An election for an SSC seat was opened.',
  subjectField: 'electionId',
  data: ElectionOpenedData,
});
