/**
 * Calendar arithmetic on UTC milliseconds. Calendar days are taken in UTC: a
 * "day" is [00:00Z, 24:00Z). Weeks are ISO 8601 weeks (Monday first; week 1
 * holds the year's first Thursday).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** Short English name of a 1-based month. */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? '?';
}

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a 1-based month. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Start of a calendar day (1-based month) in UTC milliseconds. */
export function dayStart(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** The calendar day holding `ms`, as year, 1-based month and day. */
export function calendarDay(ms: number): { year: number; month: number; day: number } {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD` of the day holding `ms`. */
export function formatDay(ms: number): string {
  const { year, month, day } = calendarDay(ms);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Start of the Monday of ISO week `week` of ISO year `year`. */
export function isoWeekStart(year: number, week: number): number {
  const jan4 = dayStart(year, 1, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - jan4Weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
}

/** Number of ISO weeks (52 or 53) in ISO year `year`. */
export function isoWeeksInYear(year: number): number {
  const thursdayOfWeek53 = isoWeekStart(year, 53) + 3 * DAY_MS;
  return new Date(thursdayOfWeek53).getUTCFullYear() === year ? 53 : 52;
}

/** Zero-padded decimal of a non-negative integer. */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
