import ICAL from 'ical.js';
import type { AssessmentRow } from '../domain/assessment-record';
import { scheduledAssessment } from '../domain/test-assessment';
import { icsText, scheduleCalendar } from './schedule-calendar';

const booked: AssessmentRow = { ...scheduledAssessment, calendarYear: 2026, determinationDate: '2026-01-10', scheduledFor: '2026-03-02', scheduledOn: '2026-01-10', recordedOn: '2026-01-10' };

const NAME = 'Path C:\\new\\, ltd; 長い';

/** The calendar as a real parser (ical.js, RFC 5545) reads it. */
function read(assessments: AssessmentRow[]): { name: unknown; wrName: unknown; events: Array<{ uid: string; status: unknown; sequence: unknown }> } {
  const file = scheduleCalendar(NAME, assessments, new Map([['p1', NAME]]), new Date('2026-01-15T10:00:00Z'));
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(file.contentBase64, 'base64').toString('utf8')));
  return {
    name: calendar.getFirstPropertyValue('name'),
    wrName: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((v) => ({ uid: String(v.getFirstPropertyValue('uid')), status: v.getFirstPropertyValue('status'), sequence: v.getFirstPropertyValue('sequence') })),
  };
}

describe('the assessment calendar as calendar programs read it (RFC 5545)', () => {
  it('3.3.11, RFC 7986 5.1: the calendar name (TEXT) escapes a comma, a semicolon and backslashes, as the events\' text is', () => {
    // ical.js knows no NAME (RFC 7986) nor X-WR-CALNAME and gives them raw, so the escaped value is what is read.
    const { name, wrName } = read([booked]);
    expect(name).toBe('SEC user security assessments: Path C:\\\\new\\\\\\, ltd\\; 長い');
    expect(wrName).toBe(name);
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('3.8.7.4, R-STATUS-2: a cancelled assessment is the same event (UID) one sequence on, so an import replaces the confirmed copy', () => {
    const before = read([booked]).events;
    const after = read([{ ...booked, state: 'CANCELLED', cancelledOn: '2026-01-20', cancelledBy: 'admin', cancellationReason: 'booked twice', stateBeforeCancellation: 'SCHEDULED' }]).events;
    expect(before).toEqual([{ uid: 'a1@sec-assure', status: 'CONFIRMED', sequence: 0 }]);
    expect(after).toEqual([{ uid: 'a1@sec-assure', status: 'CANCELLED', sequence: 1 }]);
  });
});
