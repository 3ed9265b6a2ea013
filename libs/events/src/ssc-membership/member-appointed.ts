import { z } from 'zod';
import { defineEvent } from '../envelope';
import { SscSeatKind } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const MemberAppointedData = z.object({
  memberId: Id,
  electionId: Id,
  name: z.string().min(1),
  seatKind: SscSeatKind,
  /** The party the member represents; null for seats that represent no party (e.g. CHAIR). */
  partyId: Id.nullable(),
  termEndsOn: CalendarDate,
  impartialityDeclared: z.boolean(),
  /** Members whose seat this appointment takes over (the seat was full); they are no longer current. */
  supersededMemberIds: z.array(Id),
});
export type MemberAppointedData = z.infer<typeof MemberAppointedData>;

export const MemberAppointed = defineEvent({
  type: 'MemberAppointed',
  topic: TOPICS.sscMembership,
  description: 'A member was appointed to an SSC seat.',
  subjectField: 'memberId',
  data: MemberAppointedData,
});
