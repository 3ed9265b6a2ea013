import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const SharedResourceProviderDesignatedData = z.object({
  partyId: Id,
  sharedResourceId: Id,
  /**
   * R-SRP-2: the designation starts on the availableFrom of the provider's earliest-available
   * qualifying resource. Published again, with an earlier date, when a later-registered qualifying
   * resource was available earlier: keep the earliest effectiveFrom seen. Absent on older events:
   * read it as the London day of `occurredAt`.
   */
  effectiveFrom: CalendarDate.optional(),
});
export type SharedResourceProviderDesignatedData = z.infer<typeof SharedResourceProviderDesignatedData>;

export const SharedResourceProviderDesignated = defineEvent({
  type: 'SharedResourceProviderDesignated',
  topic: TOPICS.partyRegistry,
  description:
    'A party is a Shared Resource Provider from effectiveFrom, through a qualifying shared resource (R-SRP-2); repeated with an earlier effectiveFrom when an earlier-available resource is registered later.',
  subjectField: 'partyId',
  data: SharedResourceProviderDesignatedData,
});
