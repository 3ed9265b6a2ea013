import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Count, Id } from '../scalars';
import { TOPICS } from '../topics';

export const DomesticPremisesRecordedData = z.object({
  partyId: Id,
  count: Count,
  effectiveFrom: CalendarDate,
});
export type DomesticPremisesRecordedData = z.infer<typeof DomesticPremisesRecordedData>;

export const DomesticPremisesRecorded = defineEvent({
  type: 'DomesticPremisesRecorded',
  topic: TOPICS.partyRegistry,
  description: "A party's domestic premises count, effective from a date (history is kept, not overwritten).",
  subjectField: 'partyId',
  data: DomesticPremisesRecordedData,
});
