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
  domesticPremises: z
    .object({ count: Count, effectiveFrom: CalendarDate })
    .nullable()
    .describe("The first count (R-PREM-1), given at registration: no DomesticPremisesRecorded is published for it. Null: none given."),
  /**
   * R-PARTY-1: the roles in `userRoles` are held from this day; 1900-01-01 when the registration gave no day (held
   * before anything the register records). Absent on events from before roles were effective-dated: read it as the
   * London calendar day of the envelope's `occurredAt`.
   */
  rolesEffectiveFrom: CalendarDate.optional().describe(
    "R-PARTY-1: the roles are held from this day. 1900-01-01: the registration gave no day, so they are held from before anything the register records. Absent on older events: the London day of occurredAt.",
  ),
});
export type PartyRegisteredData = z.infer<typeof PartyRegisteredData>;

export const PartyRegistered = defineEvent({
  type: 'PartyRegistered',
  topic: TOPICS.partyRegistry,
  description: 'A party (SEC user) was registered, with its user roles.',
  subjectField: 'partyId',
  data: PartyRegisteredData,
});
