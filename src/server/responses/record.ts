/**
 * The answers of the record routes (`routes/record.ts`, `dashboard.ts`,
 * `briefing.ts`, `calendar.ts`): processes, parties, people, appointments,
 * events, statements, sources, the dashboard and the briefing, as
 * `io/json-output.toJson` writes the core types (`src/core`) and the
 * services' reports (`services/record-service.ts`, `dashboard-service.ts`,
 * `briefing-service.ts`).
 */

import { z } from 'zod';
import { APPOINTMENT_ROLES, END_REASONS } from '../../core/appointment.ts';
import { AUDIENCES } from '../../core/audience.ts';
import { EVENT_KINDS, EVENT_STATUSES } from '../../core/negotiation-event.ts';
import { PARTY_KINDS, PARTY_ROLES } from '../../core/party.ts';
import { PROCESS_STATUSES } from '../../core/process.ts';
import { SOURCE_KINDS } from '../../core/source.ts';
import { STATEMENT_FORMS } from '../../core/statement.ts';
import { TEXT_KINDS, VERSION_STATUSES } from '../../core/text/negotiating-text.ts';
import { countedJson, fuzzyDateJson, pageJson } from './common.ts';
import { alternativeJson, positionJson, versionSummaryJson } from './text.ts';

/** Slugs of the items an answer refers to. */
const slug = () => z.string();

export const processJson = z
  .strictObject({
    id: slug(),
    title: z.string(),
    description: z.string().optional(),
    started: fuzzyDateJson.optional(),
    status: z.enum(PROCESS_STATUSES),
  })
  .meta({ id: 'Process', description: 'A negotiation process: one set of talks.' });

export const processSummaryJson = z
  .strictObject({
    process: processJson,
    counts: z
      .strictObject({
        parties: z.number().int(),
        people: z.number().int(),
        events: z.number().int(),
        statements: z.number().int(),
      })
      .meta({ description: 'How many of each the process holds that you may see.' }),
  })
  .meta({ id: 'ProcessSummary' });

export const partyJson = z
  .strictObject({
    id: slug(),
    name: z.string(),
    shortName: z.string().optional(),
    kind: z.enum(PARTY_KINDS),
    role: z.enum(PARTY_ROLES).meta({
      description:
        'Its part in the process: a negotiating party, the mediator, a guarantor or an observer.',
    }),
    description: z.string().optional(),
  })
  .meta({ id: 'Party', description: 'A state or organisation taking part in the process.' });

export const personJson = z
  .strictObject({
    id: slug(),
    name: z.string(),
    aliases: z
      .array(z.string())
      .meta({ description: 'Other spellings and transliterations of the name.' }),
    description: z.string().optional(),
  })
  .meta({ id: 'Person' });

export const appointmentJson = z
  .strictObject({
    key: z.string().meta({ description: 'Derived from person, party, title, role and start.' }),
    person: slug(),
    party: slug().optional(),
    title: z
      .string()
      .optional()
      .meta({ description: 'A title held for the party: "Secretary of State".' }),
    role: z
      .enum(APPOINTMENT_ROLES)
      .optional()
      .meta({ description: 'A role in the process: head of delegation, envoy…' }),
    from: fuzzyDateJson,
    to: fuzzyDateJson.optional(),
    ended: z
      .strictObject({
        reason: z.enum(END_REASONS),
        replacedBy: slug().optional().meta({ description: 'The person who took over.' }),
        note: z.string().optional(),
        source: slug().optional(),
      })
      .optional()
      .meta({ description: 'How the tenure ended.' }),
    note: z.string().optional(),
    source: slug().optional(),
  })
  .meta({
    id: 'Appointment',
    description: 'A title held for a party and/or a role in the process, from a date to a date.',
  });

export const tenureJson = z
  .strictObject({
    appointment: appointmentJson,
    certainty: z.enum(['certain', 'possible']).meta({
      description:
        'Whether the appointment was certainly held at the date asked about, or only possibly (a fuzzy start or end straddles it).',
    }),
  })
  .meta({ id: 'Tenure' });

const personTenure = {
  person: personJson,
  tenure: tenureJson,
};

/** GET …/who: a person and what they held as of the date. */
export const whoEntryJson = z.strictObject(personTenure).meta({ id: 'WhoEntry' });

/** The dashboard: who leads a party's side on the day. */
export const leadJson = z.strictObject(personTenure).meta({
  id: 'Lead',
  description: "Who leads a party's side on the day, with the appointment that makes them lead.",
});

export const whoGroupJson = z
  .strictObject({
    party: partyJson
      .optional()
      .meta({ description: 'Absent for the people who hold a role for no party.' }),
    entries: z.array(whoEntryJson),
  })
  .meta({ id: 'WhoGroup' });

export const durationJson = z
  .strictObject({
    minutes: z.number().int(),
    approximate: z.boolean(),
  })
  .meta({ id: 'Duration', description: 'How long it lasted; `approximate`: "about".' });

export const negotiationEventJson = z
  .strictObject({
    id: slug(),
    kind: z.enum(EVENT_KINDS),
    status: z.enum(EVENT_STATUSES),
    title: z.string(),
    date: fuzzyDateJson,
    place: z.string().optional(),
    duration: durationJson.optional(),
    ledBy: slug().optional().meta({ description: 'The person who led it.' }),
    participants: z.array(slug()).meta({ description: 'People present, in the order given.' }),
    parties: z.array(slug()).meta({ description: 'Parties taking part, in the order given.' }),
    outcome: z.string().optional(),
    description: z.string().optional(),
    followUpOf: slug()
      .optional()
      .meta({ description: 'The earlier event this one follows up on.' }),
    sources: z.array(slug()),
    audience: z.enum(AUDIENCES),
  })
  .meta({
    id: 'NegotiationEvent',
    description: 'A meeting, visit, call, statement, announcement or incident.',
  });

export const statementJson = z
  .strictObject({
    id: slug(),
    explicitId: z.boolean().meta({
      description:
        'Whether `id` was given by the author (otherwise it is derived from the content).',
    }),
    speaker: slug()
      .optional()
      .meta({ description: 'The person speaking; absent for an unnamed official.' }),
    party: slug().optional().meta({ description: 'The party speaking or spoken for.' }),
    date: fuzzyDateJson,
    event: slug().optional(),
    form: z.enum(STATEMENT_FORMS),
    text: z.string(),
    audience: z.enum(AUDIENCES),
    topics: z.array(z.string()).meta({ description: 'Topic tags, such as `territory`.' }),
    channel: z
      .string()
      .optional()
      .meta({ description: 'Where it was said: "on X", "nightly video address".' }),
    source: slug().optional(),
  })
  .meta({ id: 'Statement', description: 'Who said what, when, at which event.' });

export const sourceJson = z
  .strictObject({
    id: slug(),
    title: z.string(),
    kind: z.enum(SOURCE_KINDS),
    outlet: z.string().optional(),
    author: z.string().optional(),
    url: z.string().optional(),
    published: fuzzyDateJson.optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'Source', description: 'A report or document that facts in the record come from.' });

/** Who an answer was filtered for (`core/audience.ts`). */
export const viewerJson = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('operator') }),
    z.strictObject({ kind: z.literal('public') }),
    z.strictObject({ kind: z.literal('party'), party: slug() }),
    z.strictObject({ kind: z.literal('mediator') }),
  ])
  .meta({
    id: 'Viewer',
    description:
      "Who the answer was filtered for: the operator (everything), the public, a party's delegation, or the mediator.",
  });

/** GET /api/v1/processes */
export const processListJson = z.array(processSummaryJson);

/** GET /api/v1/processes/{process} */
export const processReportJson = z
  .strictObject({
    summary: processSummaryJson,
    parties: z.array(partyJson),
    heads: z
      .array(whoGroupJson)
      .meta({ description: 'Heads of delegation as of the date, by party.' }),
    upcoming: pageJson(negotiationEventJson).meta({
      description: 'The next events (at most five).',
    }),
  })
  .meta({ id: 'ProcessReport' });

/** GET …/who */
export const whoJson = z
  .strictObject({
    process: slug(),
    asOf: fuzzyDateJson,
    groups: z.array(whoGroupJson),
  })
  .meta({ id: 'Who' });

/** GET …/timeline/histogram */
export const timelineHistogramJson = z
  .strictObject({
    from: z.string().nullable().meta({
      description:
        'The window counted, from (ISO instant); null when no window was given and no event matches.',
    }),
    to: z.string().nullable(),
    unit: z.enum(['day', 'week', 'month', 'year']),
    step: z.number().int().meta({
      description: 'Calendar units per bucket (more than 1 only for very long windows by year).',
    }),
    total: z.number().int(),
    scheduled: z.number().int(),
    buckets: z.array(
      z.strictObject({
        start: z.string(),
        end: z.string(),
        count: z.number().int(),
        scheduled: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TimelineHistogram' });

/** GET …/timeline */
export const timelinePageJson = pageJson(negotiationEventJson);

/** GET …/statements */
export const statementPageJson = pageJson(statementJson);

/** GET …/people/{person} */
export const personReportJson = z
  .strictObject({
    person: personJson,
    appointments: z.array(appointmentJson),
    parties: z
      .record(z.string(), partyJson)
      .meta({ description: 'The parties, by slug (the appointments and events refer to them).' }),
    people: z.record(z.string(), personJson).meta({
      description:
        'The person, the people who replaced them and the others at their events, by slug.',
    }),
    events: pageJson(negotiationEventJson),
    statements: pageJson(statementJson),
  })
  .meta({ id: 'PersonReport' });

export const delegationJson = z
  .strictObject({
    party: slug()
      .optional()
      .meta({ description: 'Absent for participants with no appointment on that date.' }),
    members: z.array(
      z.strictObject({
        person: slug(),
        tenures: z
          .array(tenureJson)
          .meta({ description: "What the person held for the party on the event's date." }),
      }),
    ),
  })
  .meta({ id: 'Delegation', description: "A party's delegation at an event." });

/** GET …/events/{event} */
export const eventReportJson = z
  .strictObject({
    event: negotiationEventJson,
    delegations: z.array(delegationJson),
    people: z.record(z.string(), personJson).meta({ description: 'Who took part, by slug.' }),
    parties: z.record(z.string(), partyJson).meta({ description: 'The parties, by slug.' }),
    sources: z.array(sourceJson),
    statements: z.array(statementJson),
    followUps: z.array(negotiationEventJson),
  })
  .meta({ id: 'EventReport' });

/** The dashboard's current version of a text: its summary and how many provisions are open. */
export const currentVersionJson = versionSummaryJson
  .extend({ openProvisions: z.number().int() })
  .meta({ id: 'CurrentVersion' });

export const textStatusJson = z
  .strictObject({
    id: slug(),
    title: z.string(),
    kind: z.enum(TEXT_KINDS),
    versions: z.number().int().meta({ description: 'How many versions the viewer may see.' }),
    current: currentVersionJson.nullable().meta({
      description:
        "The newest version the viewer may see, by the dashboard's date; null when there is none.",
    }),
  })
  .meta({ id: 'TextStatus' });

export const dashboardChangesJson = z
  .strictObject({
    since: fuzzyDateJson,
    versions: countedJson(
      z.strictObject({ text: slug(), version: versionSummaryJson }).meta({ id: 'VersionChange' }),
    ),
    events: countedJson(negotiationEventJson),
    statements: countedJson(statementJson),
    positions: countedJson(positionJson),
  })
  .meta({
    id: 'DashboardChanges',
    description:
      "What changed since a date, by the items' own dates: versions, events and statements dated, positions recorded.",
  });

/** GET …/dashboard */
export const dashboardJson = z
  .strictObject({
    process: processJson,
    asOf: fuzzyDateJson,
    viewer: viewerJson,
    parties: z.array(
      z
        .strictObject({
          party: partyJson,
          leads: z.array(leadJson).meta({
            description:
              "Who leads the party's side on the day (more than one when the record cannot tell which).",
          }),
        })
        .meta({ id: 'PartyLead' }),
    ),
    upcoming: pageJson(negotiationEventJson).meta({
      description: 'The next events not cancelled, soonest first.',
    }),
    statements: pageJson(statementJson).meta({
      description: "The latest statements made by the dashboard's date, newest first.",
    }),
    texts: z.array(textStatusJson),
    changes: dashboardChangesJson
      .optional()
      .meta({ description: 'What changed since `since` (only when it is given).' }),
  })
  .meta({ id: 'Dashboard' });

/** A position on a closed provision of the briefing's version, with the provision's number. */
export const numberedPositionJson = positionJson
  .extend({ number: z.string().optional().meta({ description: "The provision's number." }) })
  .meta({ id: 'NumberedPosition' });

export const briefingParticipantJson = z
  .strictObject({
    person: personJson,
    party: slug()
      .optional()
      .meta({ description: 'The party they came for (absent: no appointment that day).' }),
    tenures: z
      .array(tenureJson)
      .meta({ description: "Titles and roles held for that party on the event's date." }),
    statements: z
      .array(statementJson)
      .meta({ description: 'Their latest statements up to the event, newest first.' }),
  })
  .meta({ id: 'BriefingParticipant' });

export const briefingProvisionJson = z
  .strictObject({
    id: z.string(),
    number: z.string().optional(),
    heading: z.string().optional(),
    alternatives: z.array(alternativeJson),
    proposed: z
      .string()
      .optional()
      .meta({ description: 'The alternative this version proposes, if any.' }),
    positions: z.array(positionJson).meta({
      description:
        'The latest position of each party the viewer may see (parties without one left out).',
    }),
  })
  .meta({ id: 'BriefingProvision', description: 'An open provision of the current version.' });

export const briefingTextJson = z
  .strictObject({
    text: z.strictObject({ id: slug(), title: z.string() }),
    version: z
      .strictObject({
        id: z.string(),
        label: z.string(),
        date: fuzzyDateJson.optional(),
        status: z.enum(VERSION_STATUSES),
        audience: z.enum(AUDIENCES),
      })
      .optional()
      .meta({
        description:
          'The latest version the viewer may see, dated before the event ends; absent if none.',
      }),
    openProvisions: z.array(briefingProvisionJson),
    otherPositions: z.array(numberedPositionJson).meta({
      description: "Positions the viewer may see on the version's other (closed) provisions.",
    }),
  })
  .meta({ id: 'BriefingText' });

/** GET …/events/{event}/briefing */
export const briefingJson = z
  .strictObject({
    process: z.strictObject({ id: slug(), title: z.string() }),
    viewer: viewerJson,
    event: negotiationEventJson,
    parties: z.array(partyJson),
    participants: z.array(briefingParticipantJson),
    ledBy: personJson.optional(),
    sources: z.array(sourceJson),
    texts: z.array(briefingTextJson),
  })
  .meta({ id: 'Briefing' });

/** POST …/calendar/tokens */
export const calendarTokenJson = z
  .strictObject({
    token: z.string().meta({ description: 'The calendar token (shown once).' }),
    path: z.string().meta({ description: 'The feed URL (path) that carries it.' }),
  })
  .meta({ id: 'CalendarToken' });
