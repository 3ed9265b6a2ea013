import { z } from 'zod';
import { defineEvent } from '../envelope';
import { UserRole } from '../enums';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const PartyUpdatedData = z.object({
  partyId: Id,
  name: z.string().min(1),
  userRoles: z.array(UserRole),
  /**
   * True on every event from the effective-dated role history on: each role change is ALSO
   * published as UserRoleGained / UserRoleGivenUp (dated the day of the update), so role history
   * ignores `userRoles` here. Absent (older events): apply the difference of `userRoles` as gained /
   * given up on the London day of `occurredAt`.
   */
  roleEventsPublished: z.boolean().optional(),
});
export type PartyUpdatedData = z.infer<typeof PartyUpdatedData>;

export const PartyUpdated = defineEvent({
  type: 'PartyUpdated',
  topic: TOPICS.partyRegistry,
  description:
    "A party's name or user roles changed; carries the new values in full. Role changes are also published as UserRoleGained / UserRoleGivenUp when roleEventsPublished is true.",
  subjectField: 'partyId',
  data: PartyUpdatedData,
});
