/**
 * The database schema as Kysely types: one interface per table. Rows use
 * integer surrogate keys; slugs are the identities the rest of Concord sees.
 * Dates with precision are stored as their canonical text plus the interval
 * [start, end) in UTC milliseconds, for indexed filtering and sorting.
 */

import type { Generated } from 'kysely';

export interface ProcessesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: string | null;
  started: string | null;
  status: string;
}

export interface SourcesTable {
  id: Generated<number>;
  process_id: number;
  slug: string;
  title: string;
  kind: string;
  outlet: string | null;
  author: string | null;
  url: string | null;
  published: string | null;
  note: string | null;
}

export interface PartiesTable {
  id: Generated<number>;
  process_id: number;
  slug: string;
  name: string;
  short_name: string | null;
  kind: string;
  role: string;
  description: string | null;
}

export interface PeopleTable {
  id: Generated<number>;
  process_id: number;
  slug: string;
  name: string;
  /** JSON array of strings. */
  aliases: string;
  description: string | null;
}

export interface AppointmentsTable {
  id: Generated<number>;
  process_id: number;
  key: string;
  person_id: number;
  party_id: number | null;
  title: string | null;
  role: string | null;
  from_text: string;
  from_start: number;
  from_end: number;
  to_text: string | null;
  to_start: number | null;
  to_end: number | null;
  end_reason: string | null;
  replaced_by_id: number | null;
  end_note: string | null;
  end_source_id: number | null;
  note: string | null;
  source_id: number | null;
}

export interface EventsTable {
  id: Generated<number>;
  process_id: number;
  slug: string;
  kind: string;
  status: string;
  title: string;
  date_text: string;
  date_start: number;
  date_end: number;
  place: string | null;
  duration: string | null;
  led_by_id: number | null;
  outcome: string | null;
  description: string | null;
  follow_up_of_id: number | null;
  audience: string;
}

export interface EventParticipantsTable {
  event_id: number;
  person_id: number;
  position: number;
}

export interface EventPartiesTable {
  event_id: number;
  party_id: number;
  position: number;
}

export interface EventSourcesTable {
  event_id: number;
  source_id: number;
  position: number;
}

export interface StatementsTable {
  id: Generated<number>;
  process_id: number;
  slug: string;
  /** 1 when the slug was given by the author, 0 when derived from the content. */
  explicit_slug: number;
  speaker_id: number | null;
  party_id: number | null;
  date_text: string;
  date_start: number;
  date_end: number;
  event_id: number | null;
  form: string;
  text: string;
  audience: string;
  /** JSON array of topic tags. */
  topics: string;
  channel: string | null;
  source_id: number | null;
}

export interface TextsTable {
  id: Generated<number>;
  process_id: number;
  slug: string;
  title: string;
  kind: string;
  description: string | null;
}

export interface TextVersionsTable {
  id: Generated<number>;
  text_id: number;
  slug: string;
  ordinal: number;
  label: string;
  date_text: string | null;
  date_start: number | null;
  date_end: number | null;
  proposed_by_id: number | null;
  proposed_by_person_id: number | null;
  derived_from_id: number | null;
  status: string;
  audience: string;
  source_id: number | null;
  note: string | null;
}

export interface VersionCirculationTable {
  version_id: number;
  party_id: number;
  position: number;
}

export interface ProvisionsTable {
  id: Generated<number>;
  version_id: number;
  /** The provision's stable id. */
  key: string;
  parent_key: string | null;
  /** Position in the version, in document order. */
  ordinal: number;
  style: string;
  heading: string | null;
  body: string;
  /** JSON array of `{ id, text }`, for an open provision. */
  alternatives: string | null;
  proposed: string | null;
  /** JSON array of provision ids. */
  lineage: string | null;
  note: string | null;
}

export interface PositionsTable {
  id: Generated<number>;
  process_id: number;
  key: string;
  version_id: number;
  provision_key: string;
  party_id: number;
  stance: string;
  wording: string | null;
  alternative: string | null;
  note: string | null;
  author: string | null;
  recorded_text: string;
  recorded_start: number;
  recorded_end: number;
  audience: string;
  source_id: number | null;
}

export interface AnalysisIssuesTable {
  id: Generated<number>;
  process_id: number;
  slug: string;
  /** Position in the process's list of issues. */
  ordinal: number;
  /** JSON of the issue (options, range, link, current option). */
  body: string;
}

export interface ProfilesTable {
  id: Generated<number>;
  process_id: number;
  party_id: number;
  audience: string;
  /** JSON of the profile without its party and audience. */
  body: string;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  display_name: string | null;
  password_hash: string;
  is_admin: number;
  created_at: number;
  disabled_at: number | null;
}

export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  /** `session` (a cookie) or `token` (an API token). */
  kind: string;
  /** SHA-256 (hex) of the secret. */
  token_hash: string;
  csrf_token: string | null;
  label: string | null;
  created_at: number;
  last_used_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface TeamMembersTable {
  process_id: number;
  user_id: number;
  /** `mediator`, `delegation` (with `party_id`) or `observers`. */
  team: string;
  party_id: number | null;
  /** `lead`, `member` or `viewer`. */
  role: string;
}

export interface AuditEntriesTable {
  process_id: number;
  seq: number;
  at: number;
  actor: string;
  object: string;
  operation: string;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string;
  hash: string;
}

export interface ServerKeysTable {
  name: string;
  /** SPKI DER, base64. */
  public_key: string;
  /** PKCS#8 PEM. */
  private_key: string;
  created_at: number;
}

export interface Database {
  processes: ProcessesTable;
  sources: SourcesTable;
  parties: PartiesTable;
  people: PeopleTable;
  appointments: AppointmentsTable;
  events: EventsTable;
  event_participants: EventParticipantsTable;
  event_parties: EventPartiesTable;
  event_sources: EventSourcesTable;
  statements: StatementsTable;
  texts: TextsTable;
  text_versions: TextVersionsTable;
  version_circulation: VersionCirculationTable;
  provisions: ProvisionsTable;
  positions: PositionsTable;
  analysis_issues: AnalysisIssuesTable;
  profiles: ProfilesTable;
  users: UsersTable;
  sessions: SessionsTable;
  team_members: TeamMembersTable;
  audit_entries: AuditEntriesTable;
  server_keys: ServerKeysTable;
}

export type DialectName = 'sqlite' | 'postgres';
