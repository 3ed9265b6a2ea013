import { z } from 'zod';
import { defineEvent } from '../envelope';
import { UserRole } from '../enums';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const PartyUpdatedData = z.object({
  partyId: Id,
  name: z.string().min(1),
  userRoles: z.array(UserRole),
});
export type PartyUpdatedData = z.infer<typeof PartyUpdatedData>;

export const PartyUpdated = defineEvent({
  type: 'PartyUpdated',
  topic: TOPICS.partyRegistry,
  description: "A party's name or user roles changed; carries the new values in full.",
  subjectField: 'partyId',
  data: PartyUpdatedData,
});
