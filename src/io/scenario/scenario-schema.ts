/**
 * The scenario file format: one YAML (or JSON) file holds a whole process.
 * This zod schema is the format's single definition: it validates files, gives
 * their TypeScript type, and generates docs/scenario.schema.json. Field names
 * are snake_case; references between items are slugs.
 */

import { z } from 'zod';
import { APPOINTMENT_ROLES, END_REASONS } from '../../core/appointment.ts';
import { AUDIENCES } from '../../core/audience.ts';
import { parseDuration } from '../../core/duration.ts';
import { InvalidError } from '../../core/errors.ts';
import { parseFuzzyDate } from '../../core/fuzzy-date.ts';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../core/ids.ts';
import { EVENT_KINDS, EVENT_STATUSES } from '../../core/negotiation-event.ts';
import { PARTY_KINDS, PARTY_ROLES } from '../../core/party.ts';
import { PROCESS_STATUSES } from '../../core/process.ts';
import { SOURCE_KINDS } from '../../core/source.ts';
import { STATEMENT_FORMS } from '../../core/statement.ts';

/** The format version this code reads and writes. */
export const SCENARIO_FORMAT_VERSION = 1;

const slug = z
  .string()
  .max(SLUG_MAX_LENGTH, { error: `a slug has at most ${SLUG_MAX_LENGTH} characters` })
  .regex(SLUG_PATTERN, {
    error: (issue) =>
      `"${String(issue.input)}" is not a slug: use lower-case letters, digits and single hyphens, like "geneva-talks"`,
  })
  .meta({
    description: 'A short lower-case name, unique within the process: `rubio`, `geneva-talks`.',
  });

const line = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(500, { error: 'must be at most 500 characters' });
const prose = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(100_000, { error: 'must be at most 100,000 characters' });

/** Runs a core parser as a refinement, so a bad value yields one issue with the parser's message. */
function parsedBy(parse: (text: string) => unknown) {
  return (value: string | number, ctx: z.core.$RefinementCtx<string | number>) => {
    try {
      parse(String(value));
    } catch (error) {
      if (!(error instanceof InvalidError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.problems[0]?.message ?? error.message });
    }
  };
}

const date = z
  .union([z.string(), z.int()])
  .superRefine(parsedBy(parseFuzzyDate))
  .meta({
    description:
      'A date with its precision: 2025-11-30 (day), 2025-11-30T14:00Z (instant), ~2025-11-30 or 2025-11-30±2d ' +
      '(approximate), 2025-W49 (ISO week), 2025-11 (month), 2025 (year), 2025-12-01..2025-12-04, ..2025-11-23 or ' +
      '2025-12-01.. (window), optionally followed by a note in parentheses.',
  });

const duration = z
  .string()
  .superRefine(parsedBy(parseDuration))
  .meta({ description: 'How long: 4h, 1h30m, 45m, 2d; a leading ~ marks it approximate.' });

const topic = z
  .string()
  .regex(SLUG_PATTERN, {
    error: (issue) =>
      `"${String(issue.input)}" is not a topic tag: use lower-case words joined by hyphens`,
  })
  .meta({ description: 'A topic tag such as `territory` or `security-guarantees`.' });

const slugs = z.array(slug);

export const processSchema = z.strictObject({
  slug,
  title: line,
  description: prose.optional(),
  started: date.optional(),
  status: z.enum(PROCESS_STATUSES).optional().meta({ description: 'Defaults to active.' }),
});

export const sourceSchema = z.strictObject({
  slug,
  title: line,
  kind: z.enum(SOURCE_KINDS),
  outlet: line.optional(),
  author: line.optional(),
  url: z.url({ error: 'must be a full URL such as https://example.org/report' }).optional(),
  published: date.optional(),
  note: prose.optional(),
});

export const partySchema = z.strictObject({
  slug,
  name: line,
  short_name: line.optional(),
  kind: z.enum(PARTY_KINDS),
  role: z.enum(PARTY_ROLES).meta({ description: 'Its part in the process.' }),
  description: prose.optional(),
});

export const appointmentSchema = z.strictObject({
  party: slug.optional(),
  title: line.optional().meta({ description: 'A title held for the party: "Secretary of State".' }),
  role: z.enum(APPOINTMENT_ROLES).optional().meta({ description: 'A role in the process.' }),
  from: date,
  to: date.optional(),
  ended: z
    .strictObject({
      reason: z.enum(END_REASONS),
      replaced_by: slug.optional(),
      note: prose.optional(),
      source: slug.optional(),
    })
    .optional(),
  note: prose.optional(),
  source: slug.optional(),
});

export const personSchema = z.strictObject({
  slug,
  name: line,
  aliases: z.array(line).optional(),
  description: prose.optional(),
  appointments: z.array(appointmentSchema).optional(),
});

export const eventSchema = z.strictObject({
  slug,
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES),
  title: line,
  date,
  place: line.optional(),
  duration: duration.optional(),
  led_by: slug.optional(),
  participants: slugs.optional().meta({ description: 'People present (slugs).' }),
  parties: slugs.optional().meta({ description: 'Parties taking part (slugs).' }),
  outcome: prose.optional(),
  description: prose.optional(),
  follow_up_of: slug.optional(),
  sources: slugs.optional(),
  audience: z.enum(AUDIENCES).optional().meta({ description: 'Defaults to public.' }),
});

export const statementSchema = z.strictObject({
  slug: slug
    .optional()
    .meta({ description: 'Optional; without one the statement is identified by its content.' }),
  speaker: slug.optional(),
  party: slug.optional(),
  date: date.optional().meta({ description: "Defaults to the event's date." }),
  event: slug.optional(),
  form: z.enum(STATEMENT_FORMS),
  text: prose,
  audience: z.enum(AUDIENCES).optional().meta({ description: 'Defaults to public.' }),
  topics: z.array(topic).optional(),
  channel: line.optional(),
  source: slug.optional(),
});

export const scenarioSchema = z
  .strictObject({
    concord: z
      .literal(SCENARIO_FORMAT_VERSION)
      .optional()
      .meta({ description: 'The format version.' }),
    process: processSchema,
    sources: z.array(sourceSchema).optional(),
    parties: z.array(partySchema).optional(),
    people: z.array(personSchema).optional(),
    events: z.array(eventSchema).optional(),
    statements: z.array(statementSchema).optional(),
  })
  .meta({
    title: 'Concord scenario file',
    description: 'One negotiation process: its parties, people, events and statements.',
  });

export type ScenarioFile = z.input<typeof scenarioSchema>;
export type ScenarioPerson = z.input<typeof personSchema>;
export type ScenarioAppointment = z.input<typeof appointmentSchema>;
export type ScenarioEvent = z.input<typeof eventSchema>;
export type ScenarioStatement = z.input<typeof statementSchema>;
