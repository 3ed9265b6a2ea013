import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const SharedResourceProviderDesignatedData = z.object({
  partyId: Id,
  sharedResourceId: Id,
});
export type SharedResourceProviderDesignatedData = z.infer<typeof SharedResourceProviderDesignatedData>;

export const SharedResourceProviderDesignated = defineEvent({
  type: 'SharedResourceProviderDesignated',
  topic: TOPICS.partyRegistry,
  description: 'A party became a Shared Resource Provider for a shared resource.',
  subjectField: 'partyId',
  data: SharedResourceProviderDesignatedData,
});
