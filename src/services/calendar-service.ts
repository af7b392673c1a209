/**
 * A process's events as an iCalendar feed (`io/ical.ts`), for what the
 * viewer may see: private events never reach a viewer who may not read them.
 */

import { OPERATOR, type Viewer } from '../core/audience.ts';
import { NotFoundError } from '../core/errors.ts';
import type { FuzzyDate } from '../core/fuzzy-date.ts';
import type { ProcessId } from '../core/ids.ts';
import type { NegotiationEvent } from '../core/negotiation-event.ts';
import { renderCalendar } from '../io/ical.ts';
import type { Store } from '../store/store.ts';

/** At most this many events in one feed (the earliest, in timeline order; narrow with `from`). */
export const CALENDAR_EVENT_LIMIT = 5_000;

export interface CalendarOptions {
  /** Only events that end after this date begins. */
  readonly from?: FuzzyDate;
  /** When the feed is made (DTSTAMP), UTC ms. */
  readonly now: number;
  /** The web app's address of an event, for each event's URL (optional). */
  readonly eventUrl?: (event: NegotiationEvent) => string;
}

export class CalendarService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {
    this.store = store.forViewer(viewer);
  }

  /** The iCalendar text of the process's events the viewer may see. */
  async calendar(process: ProcessId, options: CalendarOptions): Promise<string> {
    const record = this.store.repositories.record;
    const info = await record.getProcess(process);
    if (info === undefined) throw new NotFoundError('process', process);
    const [page, parties] = await Promise.all([
      record.timeline(
        process,
        options.from === undefined ? {} : { from: options.from },
        this.viewer,
        { limit: CALENDAR_EVENT_LIMIT, offset: 0 },
      ),
      record.listParties(process),
    ]);
    const slugs = [
      ...new Set(
        page.items.flatMap((event) => [
          ...event.participants,
          ...(event.ledBy === undefined ? [] : [event.ledBy]),
        ]),
      ),
    ];
    const people = await record.getPeople(process, slugs);
    return renderCalendar({
      process,
      name: info.title,
      events: page.items,
      people: new Map(people.map((person) => [person.id, person.name])),
      parties: new Map(parties.map((party) => [party.id, party.shortName ?? party.name])),
      stamp: options.now,
      ...(options.eventUrl === undefined ? {} : { eventUrl: options.eventUrl }),
    });
  }
}
