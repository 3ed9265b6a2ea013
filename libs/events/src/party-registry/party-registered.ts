import { z } from 'zod';
import { defineEvent } from '../envelope';
import { UserRole } from '../enums';
import { CalendarDate, Count, Id } from '../scalars';
import { TOPICS } from '../topics';

export const PartyRegisteredData = z.object({
  partyId: Id,
  name: z.string().min(1),
  userRoles: z.array(UserRole),
  isSharedResourceProvider: z.boolean(),
  /** Domestic premises count given at registration, if any (suppliers and distributors). */
  domesticPremises: z.object({ count: Count, effectiveFrom: CalendarDate }).nullable(),
});
export type PartyRegisteredData = z.infer<typeof PartyRegisteredData>;

export const PartyRegistered = defineEvent({
  type: 'PartyRegistered',
  topic: TOPICS.partyRegistry,
  description: 'A party (SEC user) was registered, with its user roles.',
  subjectField: 'partyId',
  data: PartyRegisteredData,
});
