import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const PartyContactChangedData = z.object({
  partyId: Id,
  /** Whether the party now has an address (false: it was cleared). */
  hasContact: z.boolean(),
});
export type PartyContactChangedData = z.infer<typeof PartyContactChangedData>;

export const PartyContactChanged = defineEvent({
  type: 'PartyContactChanged',
  topic: TOPICS.partyRegistry,
  description:
    "A party's contact address for notices was set or cleared. The address itself is not published: it is personal data that only party-registry's notices use.",
  subjectField: 'partyId',
  data: PartyContactChangedData,
});
