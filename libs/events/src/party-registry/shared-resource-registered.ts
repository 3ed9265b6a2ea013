import { z } from 'zod';
import { defineEvent } from '../envelope';
import { SharedResourceScope } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const SharedResourceRegisteredData = z.object({
  sharedResourceId: Id,
  name: z.string().min(1),
  scope: SharedResourceScope,
  providerPartyId: Id,
  /** The provider chose to be assessed as a Shared Resource Provider (SECMP0044). */
  optInAsProvider: z.boolean(),
  /**
   * R-SRP-2: the day from which the provider makes the resource available (never after the day it
   * was registered). Absent on older events: read it as the London day of `occurredAt`.
   */
  availableFrom: CalendarDate.optional(),
});
export type SharedResourceRegisteredData = z.infer<typeof SharedResourceRegisteredData>;

export const SharedResourceRegistered = defineEvent({
  type: 'SharedResourceRegistered',
  topic: TOPICS.partyRegistry,
  description: 'A shared resource offered by a provider party was registered.',
  subjectField: 'sharedResourceId',
  data: SharedResourceRegisteredData,
});
