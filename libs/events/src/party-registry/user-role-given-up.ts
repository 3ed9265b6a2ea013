import { z } from 'zod';
import { defineEvent } from '../envelope';
import { UserRole } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const UserRoleGivenUpData = z.object({
  partyId: Id,
  role: UserRole,
  /** The party no longer holds `role` from this day, inclusive (R-PARTY-1). */
  effectiveFrom: CalendarDate,
});
export type UserRoleGivenUpData = z.infer<typeof UserRoleGivenUpData>;

export const UserRoleGivenUp = defineEvent({
  type: 'UserRoleGivenUp',
  topic: TOPICS.partyRegistry,
  description:
    'A party gave up a User Role: it no longer holds it from effectiveFrom, inclusive (R-PARTY-1). Role history is built from PartyRegistered, UserRoleGained and UserRoleGivenUp only.',
  subjectField: 'partyId',
  data: UserRoleGivenUpData,
});
