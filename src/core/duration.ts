/**
 * How long something lasted: `4h`, `1h30m`, `45m`, `2d`; a leading `~` marks
 * it approximate ("about four hours").
 */

import { InvalidError } from './errors.ts';

export interface Duration {
  readonly minutes: number;
  readonly approximate: boolean;
}

const DURATION = /^(~)?\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$/;

/** Parses `~4h`, `1h30m`, `90m`, `2d`; throws `InvalidError` otherwise. */
export function parseDuration(text: string): Duration {
  const match = DURATION.exec(text.trim());
  const [, tilde, days, hours, minutes] = match ?? [];
  if (!match || (days === undefined && hours === undefined && minutes === undefined)) {
    throw InvalidError.of(
      `"${text}": not a duration; write 4h, 1h30m, 45m or 2d, with ~ in front if approximate`,
    );
  }
  const total = Number(days ?? 0) * 1440 + Number(hours ?? 0) * 60 + Number(minutes ?? 0);
  if (total === 0) throw InvalidError.of(`"${text}": a duration must be longer than zero`);
  return { minutes: total, approximate: tilde !== undefined };
}

/** Canonical text: `~4h`, `1h30m`, `2d`. */
export function formatDuration(duration: Duration): string {
  const days = Math.floor(duration.minutes / 1440);
  const hours = Math.floor((duration.minutes % 1440) / 60);
  const minutes = duration.minutes % 60;
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', minutes ? `${minutes}m` : ''];
  return `${duration.approximate ? '~' : ''}${parts.join('')}`;
}

/** Words for people: "about 4 hours", "1 hour 30 minutes". */
export function describeDuration(duration: Duration): string {
  const days = Math.floor(duration.minutes / 1440);
  const hours = Math.floor((duration.minutes % 1440) / 60);
  const minutes = duration.minutes % 60;
  const parts = [unit(days, 'day'), unit(hours, 'hour'), unit(minutes, 'minute')].filter(
    (part) => part !== '',
  );
  return `${duration.approximate ? 'about ' : ''}${parts.join(' ')}`;
}

function unit(count: number, name: string): string {
  if (count === 0) return '';
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}
