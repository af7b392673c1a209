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
import { TEXT_KINDS, VERSION_STATUSES } from '../../core/text/negotiating-text.ts';
import { POSITION_AUDIENCES, STANCES } from '../../core/text/position.ts';
import { NUMBERING_STYLES, type NumberingStyle } from '../../core/text/provision.ts';
import { issueSchema, profileSchema } from './scenario-analysis.ts';

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

export const alternativeSchema = z.strictObject({
  id: slug.meta({ description: "The alternative's identity, unique within its provision." }),
  text: z.string().max(100_000, { error: 'must be at most 100,000 characters' }).meta({
    description:
      'The complete wording of the provision if this alternative is chosen (may be empty: "without").',
  }),
});

export interface ScenarioProvision {
  id: string;
  style?: NumberingStyle;
  heading?: string;
  body?: string;
  alternatives?: z.input<typeof alternativeSchema>[];
  proposed?: string;
  from?: string[];
  note?: string;
  children?: ScenarioProvision[];
}

export const provisionSchema: z.ZodType<ScenarioProvision, ScenarioProvision> = z
  .strictObject({
    id: slug.meta({
      description:
        "The provision's stable identity: the same provision keeps it in every version, whatever its number.",
    }),
    style: z
      .enum(NUMBERING_STYLES)
      .optional()
      .meta({ description: 'How it is numbered; defaults to decimal.' }),
    heading: line.optional(),
    body: prose.optional().meta({ description: 'The wording (absent for an open provision).' }),
    alternatives: z
      .array(alternativeSchema)
      .optional()
      .meta({ description: 'Two or more bracketed wordings: the provision is open.' }),
    proposed: slug.optional().meta({ description: 'The alternative this version proposes.' }),
    from: slugs.optional().meta({
      description:
        'Lineage: the provisions (of the version derived from) this one was split or merged from.',
    }),
    note: prose.optional(),
    get children() {
      return z.array(provisionSchema).optional();
    },
  })
  .meta({ id: 'provision' });

export const versionSchema = z.strictObject({
  slug,
  label: line,
  date: date.optional(),
  proposed_by: slug.optional().meta({ description: 'The party that proposed it.' }),
  proposed_by_person: slug.optional(),
  derived_from: slug
    .optional()
    .meta({ description: 'The version (listed earlier) this one was derived from.' }),
  status: z.enum(VERSION_STATUSES).optional().meta({ description: 'Defaults to draft.' }),
  circulated_to: slugs.optional(),
  audience: z.enum(AUDIENCES).optional().meta({
    description:
      'public (published) or private (the default: only for the parties it was circulated to).',
  }),
  source: slug.optional(),
  note: prose.optional(),
  provisions: z.array(provisionSchema),
});

export const textSchema = z.strictObject({
  slug,
  title: line,
  kind: z.enum(TEXT_KINDS),
  description: prose.optional(),
  versions: z.array(versionSchema).meta({ description: 'Oldest first.' }),
});

export const positionSchema = z.strictObject({
  text: slug,
  version: slug,
  provision: slug,
  party: slug,
  stance: z.enum(STANCES),
  wording: prose
    .optional()
    .meta({ description: 'The wording proposed, with accepts-with-changes.' }),
  alternative: slug
    .optional()
    .meta({ description: 'For an open provision: the alternative the stance is about.' }),
  note: prose.optional(),
  author: line.optional(),
  recorded: date.meta({ description: 'When the stance was taken or recorded.' }),
  audience: z.enum(POSITION_AUDIENCES).optional().meta({
    description:
      'party (its own delegation only, the default), mediator (and the mediator), or public.',
  }),
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
    texts: z.array(textSchema).optional(),
    positions: z.array(positionSchema).optional().meta({
      description:
        'Append-only: importing adds the positions not yet recorded and never removes one.',
    }),
    issues: z.array(issueSchema).optional().meta({
      description: 'The negotiable issues of the analysis, each with its options.',
    }),
    profiles: z.array(profileSchema).optional().meta({
      description: "Each party's preferences over the issues (at most one profile per party).",
    }),
  })
  .meta({
    title: 'Concord scenario file',
    description:
      'One negotiation process: its parties, people, events, statements, texts, positions, issues and profiles.',
  });

export type ScenarioFile = z.input<typeof scenarioSchema>;
export type ScenarioPerson = z.input<typeof personSchema>;
export type ScenarioAppointment = z.input<typeof appointmentSchema>;
export type ScenarioEvent = z.input<typeof eventSchema>;
export type ScenarioStatement = z.input<typeof statementSchema>;
export type ScenarioText = z.input<typeof textSchema>;
export type ScenarioVersion = z.input<typeof versionSchema>;
export type ScenarioPosition = z.input<typeof positionSchema>;
