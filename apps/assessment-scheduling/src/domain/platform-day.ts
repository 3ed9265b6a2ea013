/** The platform works in Europe/London calendar days (EXAMPLES.md), whatever the server's zone. */
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/London calendar day of an instant (an ISO string or a Date), 'YYYY-MM-DD'. */
export const londonDayOf = (instant: string | Date): string => LONDON_DAY.format(typeof instant === 'string' ? new Date(instant) : instant);
