import type { IsoDate } from '../calendar/iso-date';
import { badInput } from '../errors';

export interface BookingRequest {
  determinationDate: IsoDate;
  scheduledFor: IsoDate;
  /** Given when a booking is entered after the day it was made. */
  scheduledOn?: IsoDate | null;
}

/**
 * R-SCHED-1: the day the booking was made, when not given. A booking for today or later is made today. One for a
 * day already past is history SECAS enters (in date order, R-MATRIX-6): it cannot have been booked after it took
 * place, and the determination date is normally the day it was scheduled (R-MATRIX-6), so that day is taken.
 */
export function defaultBookingDay(request: { determinationDate: IsoDate; scheduledFor: IsoDate }, today: IsoDate): IsoDate {
  return request.scheduledFor < today ? request.determinationDate : today;
}

/** R-SCHED-1: the booking day given, which cannot lie in the future nor after the day booked for; else the default. */
export function bookingDay(request: BookingRequest, today: IsoDate): IsoDate {
  const day = request.scheduledOn;
  if (day === undefined || day === null) return defaultBookingDay(request, today);
  if (day > today) throw badInput('scheduledOn', `${day} is after today (${today}); a booking is recorded on or after the day it is made`);
  if (day > request.scheduledFor) throw badInput('scheduledOn', `${day} is after scheduledFor ${request.scheduledFor}; an assessment is booked before it takes place`);
  return day;
}
