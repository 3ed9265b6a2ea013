import { z } from 'zod';
import { defineEvent } from '../envelope';
import { UserRole } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const UserRoleGainedData = z.object({
  partyId: Id,
  role: UserRole,
  /** The party holds `role` from this day (R-PARTY-1). */
  effectiveFrom: CalendarDate,
});
export type UserRoleGainedData = z.infer<typeof UserRoleGainedData>;

export const UserRoleGained = defineEvent({
  type: 'UserRoleGained',
  topic: TOPICS.partyRegistry,
  description:
    'A party gained a User Role, held from effectiveFrom (R-PARTY-1). Role history is built from PartyRegistered, UserRoleGained and UserRoleGivenUp only.',
  subjectField: 'partyId',
  data: UserRoleGainedData,
});
