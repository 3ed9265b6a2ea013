import icalGenerator, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { AssessmentRow } from '../entities/assessment.entity';
import { CONTENT_TYPES, type ExportFile } from '@sec-assure/service/exports';

const TYPE_NAMES: Record<string, string> = { FULL: 'Full', VERIFICATION: 'Verification', SELF: 'Self', FOLLOW_UP: 'Follow-up' };

/**
 * Scheduled assessments as an iCalendar file (RFC 5545, ical-generator): one all-day event per
 * assessment on its scheduled day, its UID the assessment id so a calendar that imports the file
 * again updates the events instead of duplicating them; cancelled ones are CANCELLED events, one
 * sequence on, so that an import replaces the confirmed copy.
 */
export function scheduleCalendar(name: string, assessments: readonly AssessmentRow[], partyNames: ReadonlyMap<string, string>, now: Date): ExportFile {
  const calendar = icalGenerator({ name: icsText(`SEC user security assessments: ${name}`), prodId: { company: 'SECAS', product: 'sec-assure' }, method: ICalCalendarMethod.PUBLISH });
  for (const a of assessments) {
    const party = partyNames.get(a.partyId) ?? a.partyId;
    calendar.createEvent({
      id: `${a.id}@sec-assure`,
      start: new Date(`${a.scheduledFor}T00:00:00Z`),
      allDay: true,
      stamp: now,
      summary: `${TYPE_NAMES[a.type] ?? a.type} assessment: ${party}`,
      description: [`Party: ${party} (${a.partyId})`, `Type: ${a.type}`, `State: ${a.state}`, `Assessment: ${a.id}`].join('\n'),
      status: a.cancelledOn ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // RFC 5545 3.8.7.4: a calendar that imported the event replaces it only with a higher sequence.
      sequence: a.cancelledOn ? 1 : 0,
    });
  }
  const fileName = `assessment-schedule-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.ics`;
  return { fileName, contentType: CONTENT_TYPES.ICS, contentBase64: Buffer.from(calendar.toString(), 'utf8').toString('base64') };
}

/**
 * RFC 5545 3.3.11 TEXT escaping, for the calendar's NAME and X-WR-CALNAME: ical-generator escapes an
 * event's text but writes the calendar name as given, where a comma, a semicolon or a backslash cuts or ends the value.
 */
export const icsText = (value: string): string => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
