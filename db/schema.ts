/**
 * The one Database interface. Columns are typed as the drivers really return them on BOTH
 * dialects: timestamps are ISO-8601 UTC strings, flags are 0/1 integers, ids are text.
 * Convert at the query-module boundary (app/<concept>/<concept>.server.ts).
 */
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/** ISO-8601 UTC instant, e.g. 2026-12-22T01:00:00.000Z */
export type Timestamp = string
/** A calendar date in the event's time zone, YYYY-MM-DD */
export type LocalDate = string
/** 0 or 1 */
export type Flag = number

export type Language = 'zh' | 'en' | 'ja'
export type RegistrationMode = 'invite_only' | 'open' | 'approval'
export type EventStatus = 'draft' | 'published' | 'archived'
export type EventRole = 'organizer' | 'checkin' | 'viewer'
export type HostRole = 'host' | 'organizer' | 'co_organizer'
export type OrganizationKind = 'government' | 'agency' | 'association' | 'company' | 'other'

export interface UsersTable {
  id: string
  email: string
  name: string
  password_hash: string
  is_admin: Flag
  disabled_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
  /** the language of the account's mails, and of its pages after signing in */
  language: ColumnType<Language, Language | undefined, Language>
  /** when the password was first set; null while an invitation is pending */
  activated_at: Timestamp | null
  last_login_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
}

export type AccountTokenPurpose = 'invite' | 'reset'

/** A one-time link that sets an account's password (ADR 0020). The token itself is never stored. */
export interface AccountTokensTable {
  id: string
  user_id: string
  purpose: AccountTokenPurpose
  /** random; the token is HMAC(secret, nonce). Cleared once the link is used or replaced. */
  nonce: string | null
  /** sha256 (hex) of the token, for lookup; cleared with the nonce */
  token_hash: string | null
  created_by: string | null
  created_at: Timestamp
  expires_at: Timestamp
  used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface UserSessionsTable {
  /** sha256 (hex) of the random token held in the cookie; the token itself is never stored */
  id: string
  user_id: string
  created_at: Timestamp
  expires_at: Timestamp
  revoked_at: Timestamp | null
  ip: string | null
  user_agent: string | null
  /** the last request made with it, to within SESSION_SEEN_EVERY_MS */
  last_seen_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
}

export interface LoginAttemptsTable {
  id: string
  /** 'email:<normalized email>' or 'ip:<address>' */
  key: string
  created_at: Timestamp
}

export interface OrganizationsTable {
  id: string
  /** stable key from an import or the seed, e.g. 'jetro-qingdao' */
  key: string | null
  name_zh: string
  name_en: string
  name_ja: string
  /** ISO 3166-1 alpha-2 */
  country: string
  kind: OrganizationKind
  fortune500: Flag
  created_at: Timestamp
  updated_at: Timestamp
  /**
   * The folded text searches match (migration 0011, app/people/search.ts): written by the
   * application with every write of its three names, never read for display.
   */
  search_text: string
}

export interface PeopleTable {
  id: string
  key: string | null
  organization_id: string | null
  /** native script */
  family_name: string
  given_name: string
  /** e.g. 'SATO Kenichi' */
  latin_name: string
  /** Japanese reading, e.g. 'さとう けんいち' */
  kana: string | null
  title_zh: string | null
  title_en: string | null
  title_ja: string | null
  email: string | null
  phone: string | null
  preferred_language: Language
  vip: Flag
  dietary: string | null
  created_at: Timestamp
  updated_at: Timestamp
  /**
   * The folded text searches match (migration 0011, app/people/search.ts): written by the
   * application with every write of its names, kana and email, never read for display.
   */
  search_text: string
}

export interface EventsTable {
  id: string
  slug: string
  title_zh: string
  title_en: string
  title_ja: string
  description_zh: string
  description_en: string
  description_ja: string
  /** IANA zone, e.g. Asia/Shanghai */
  timezone: string
  starts_on: LocalDate
  ends_on: LocalDate
  venue_zh: string
  venue_en: string
  venue_ja: string
  address_zh: string
  address_en: string
  address_ja: string
  registration_mode: RegistrationMode
  registration_opens_at: Timestamp | null
  registration_closes_at: Timestamp | null
  status: EventStatus
  /** comma-separated languages offered to delegates, e.g. 'zh,ja,en' */
  languages: string
  /** the doors take scans from this many minutes before a session starts until it ends (migration 0012) */
  scan_opens_minutes: Defaulted<number>
  /** who delegates contact, shown on their pages and in every mail ('' when not given; migration 0016) */
  contact_name: Defaulted<string>
  contact_phone: Defaulted<string>
  contact_email: Defaulted<string>
  /** a WeChat ID, as text */
  contact_wechat: Defaulted<string>
  /** the display name the event's mails are sent under, with MAIL_FROM's address */
  sender_name: Defaulted<string>
  /** where replies to the event's mails go */
  reply_to: Defaulted<string>
  created_at: Timestamp
  updated_at: Timestamp
}

export type SessionKind = 'ceremony' | 'forum' | 'seminar' | 'site_visit' | 'banquet' | 'other'

export interface SessionsTable {
  id: string
  event_id: string
  kind: SessionKind
  title_zh: string
  title_en: string
  title_ja: string
  description_zh: string
  description_en: string
  description_ja: string
  starts_at: Timestamp
  ends_at: Timestamp
  room_zh: string
  room_en: string
  room_ja: string
  /** null: unlimited */
  capacity: number | null
  /** 1: delegates register for it; 0: every attendee of the event may enter */
  registration_required: Flag
  /** comma-separated language pairs offered, e.g. 'zh-ja,zh-en' */
  interpretation: string
  /** industry-chain tag, e.g. 'hydrogen' */
  chain: string | null
  meeting_point_zh: string
  meeting_point_en: string
  meeting_point_ja: string
  meeting_at: Timestamp | null
  /** 1: only VIP delegates may be invited to it or choose it */
  vip_only: Flag
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SessionBusesTable {
  id: string
  session_id: string
  label: string
  seats: number
  position: number
}

export interface SessionVisitsTable {
  session_id: string
  organization_id: string
  position: number
}

export interface EventHostsTable {
  event_id: string
  organization_id: string
  role: HostRole
  position: number
}

export interface EventMembersTable {
  event_id: string
  user_id: string
  role: EventRole
  created_at: Timestamp
}

export interface AuditLogTable {
  id: string
  actor_user_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  /** JSON object with details; never secrets */
  detail: string | null
  ip: string | null
  created_at: Timestamp
}

/** An uploaded delegate list between its preview and its commit (ADR 0007). */
export interface ImportsTable {
  id: string
  user_id: string
  filename: string
  /** what the uploader chose: 'auto', 'utf-8' or 'gb18030' */
  encoding: string
  /** bytes */
  size: number
  content_base64: string
  created_at: Timestamp
}

export type InvitationStatus = 'draft' | 'queued' | 'sent' | 'registered' | 'declined' | 'bounced' | 'failed'

export interface InvitationsTable {
  id: string
  event_id: string
  person_id: string
  status: InvitationStatus
  /** random nonce the link's token is derived from with the server secret; null: revoked */
  token_nonce: string | null
  /** sha256 (hex) of the token; null: revoked */
  token_hash: string | null
  /** the end of the event's last day */
  expires_at: Timestamp
  sent_at: Timestamp | null
  reminded_at: Timestamp | null
  responded_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** The sessions an invitation names; none: every session open to the invitee. */
export interface InvitationSessionsTable {
  invitation_id: string
  session_id: string
}

export type RegistrationStatus = 'pending' | 'confirmed' | 'cancelled'
export type RegistrationSource = 'invitation' | 'public'
export type Diet = 'none' | 'halal' | 'vegetarian' | 'vegan' | 'kosher' | 'other'

export interface RegistrationsTable {
  id: string
  event_id: string
  person_id: string
  invitation_id: string | null
  status: RegistrationStatus
  source: RegistrationSource
  family_name: string
  given_name: string
  latin_name: string
  kana: string | null
  title: string
  organization_name: string
  email: string
  phone: string
  language: Language
  diet: Diet
  allergies: string
  accessibility: string
  /** the language the delegate listens in ('' when none is needed) */
  interpretation: string
  arrival_date: LocalDate | null
  arrival_transport: string
  departure_date: LocalDate | null
  departure_transport: string
  hotel_needed: Flag
  consent_at: Timestamp
  /** nonce the ticket code is derived from (ADR 0008); null until a ticket is issued */
  ticket_nonce: string | null
  ticket_hash: string | null
  ticket_issued_at: Timestamp | null
  /** the SHA-256 of the form's submission key with its scope (submissionKeyHash), never the key */
  submission_key: string | null
  cancelled_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
  /** the badge's role; null: VIP for VIPs, delegate otherwise */
  badge_role: ColumnType<BadgeRole | null, BadgeRole | null | undefined, BadgeRole | null>
  /**
   * The folded text searches match (migration 0011, app/people/search.ts): written by the
   * application with every write of its names, kana, organization and email, never read for display.
   */
  search_text: string
}

export type BadgeRole = 'delegate' | 'vip' | 'staff' | 'press'

export type SeatStatus = 'confirmed' | 'waitlisted' | 'cancelled'

export interface RegistrationSessionsTable {
  registration_id: string
  session_id: string
  status: SeatStatus
  requested_at: Timestamp
  updated_at: Timestamp
}

export interface DelegateSessionsTable {
  /** sha256 (hex) of the cookie's token */
  id: string
  invitation_id: string
  created_at: Timestamp
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

export type MailKind =
  | 'invitation'
  | 'reminder'
  | 'confirmation'
  | 'changes'
  | 'waitlist'
  | 'cancellation'
  | 'event_reminder'
  /** the open form was sent with this address: its own link (a known address, or one pending approval) */
  | 'access_link'
  /** an account was invited: the link to set its password (7 days, once) */
  | 'account_invite'
  /** someone asked to reset the account's password: the link (1 hour, once) */
  | 'password_reset'
export type OutboxStatus = 'queued' | 'sent' | 'failed'

export interface OutboxTable {
  id: string
  kind: MailKind
  event_id: string | null
  invitation_id: string | null
  registration_id: string | null
  recipient: string
  language: Language
  data: string
  status: OutboxStatus
  attempts: number
  next_attempt_at: Timestamp
  locked_until: Timestamp | null
  last_error: string | null
  /** RFC 5322 Message-ID, fixed when queued, so a retried message is recognizably the same */
  message_id: string
  subject: string | null
  /** the .eml file written by the file transport, relative to MAIL_DIR */
  file: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
  /** the confirmed bulk send this mail is part of (migration 0014) */
  batch_id: string | null
}

/** A confirmed bulk send of invitations or reminders (migration 0014). */
export interface MailBatchesTable {
  id: string
  event_id: string
  mode: 'send' | 'resend' | 'remind'
  /** JSON: the list filter it was confirmed for */
  filter: string
  requested_by: string | null
  queued: number
  no_email: number
  skipped: number
  created_at: Timestamp
}

export interface CheckinDevicesTable {
  id: string
  event_id: string
  name: string
  token_hash: string | null
  enrollment_hash: string | null
  enrollment_expires_at: string | null
  created_by: string | null
  created_at: string
  updated_at: string
  enrolled_at: string | null
  last_seen_at: string | null
  revoked_at: string | null
}

export interface CheckinDeviceSessionsTable {
  device_id: string
  session_id: string
}

export type CheckinStatus = 'ok' | 'rejected'
export type CheckinReason =
  | 'unknown_code'
  | 'already_checked_in'
  | 'not_registered_for_session'
  | 'cancelled'
  | 'revoked'
  | 'wrong_event'
  /** before the session's doors open (its scan window, migration 0012) */
  | 'not_open_yet'
  /** after the session ended */
  | 'session_over'

export interface CheckinsTable {
  id: string
  event_id: string
  session_id: string
  registration_id: string | null
  actor_key: string
  device_id: string | null
  user_id: string | null
  nonce: string
  status: CheckinStatus
  reason: CheckinReason | null
  offline: number
  conflict: number
  scanned_at: string
  created_at: string
  undone_at: string | null
  code_sample: string | null
  answer: string
  /** 1: admitted outside the session's scan window because staff chose to (migration 0012) */
  override: Defaulted<number>
}

export interface RevokedTicketsTable {
  ticket_hash: string
  registration_id: string
  revoked_at: string
}

/** A column with a default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>

export type SegmentKind = 'speech' | 'signing' | 'award' | 'initiative' | 'performance' | 'photo' | 'break' | 'other'

export interface SegmentsTable {
  id: string
  event_id: string
  session_id: string
  position: number
  kind: SegmentKind
  title_zh: Defaulted<string>
  title_en: Defaulted<string>
  title_ja: Defaulted<string>
  /** planned duration in minutes */
  minutes: number
  /** the MC's line */
  script_zh: Defaulted<string>
  script_en: Defaulted<string>
  script_ja: Defaulted<string>
  /** awards: the award's name, e.g. 招商合伙人 */
  award_zh: Defaulted<string>
  award_en: Defaulted<string>
  award_ja: Defaulted<string>
  /** awards: the citation the MC reads */
  citation_zh: Defaulted<string>
  citation_en: Defaulted<string>
  citation_ja: Defaulted<string>
  /** signings: copies of the agreement */
  copies: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** Signing parties (left to right), award recipients (in the order they come up), initiative bodies. */
export interface SegmentPartiesTable {
  id: string
  segment_id: string
  position: number
  organization_id: string
  /** the signatory, the person who receives, or the representative; null while unknown */
  person_id: string | null
  /** signings: who hands over the folders */
  assistant_id: string | null
}

export type StageRole = 'speaker' | 'witness' | 'presenter' | 'performer' | 'host' | 'other'

export interface SegmentPeopleTable {
  segment_id: string
  person_id: string
  role: StageRole
  position: number
}

export type ProjectStatus = 'planned' | 'confirmed' | 'signed' | 'started' | 'invested' | 'cancelled'

export interface ProjectsTable {
  id: string
  event_id: string
  segment_id: string | null
  name_zh: Defaulted<string>
  name_en: Defaulted<string>
  name_ja: Defaulted<string>
  chain: string | null
  /** exact decimal as text, e.g. '1200000000.00' */
  amount: string | null
  /** ISO 4217 */
  currency: string | null
  location_zh: Defaulted<string>
  location_en: Defaulted<string>
  location_ja: Defaulted<string>
  description_zh: Defaulted<string>
  description_en: Defaulted<string>
  description_ja: Defaulted<string>
  status: ProjectStatus
  signed_on: LocalDate | null
  started_on: LocalDate | null
  invested_on: LocalDate | null
  /** exact decimal as text, in the project's currency */
  invested_amount: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ProtocolRanksTable {
  event_id: string
  person_id: string
  /** 1 is the highest */
  rank: number
}

export interface StageTablesTable {
  event_id: string
  /** the room's folded name (see app/ceremonies/rooms.ts) */
  room_key: string
  seats: number
}

/**
 * A session's attendance counts, kept by triggers in the same transaction as every write that
 * changes them (migration 0008, ADR 0017). Never written by the application.
 */
export interface SessionTalliesTable {
  session_id: string
  /** attendees who may come in (the check-in rule `admits`) */
  expected: number
  /** of those, how many have an admission that stands */
  checked_in: number
  /** attendees admitted who are not expected (should not happen; shown when it does) */
  unexpected: number
  /** standing admissions flagged as offline conflicts */
  conflicts: number
}

export interface Database {
  users: UsersTable
  user_sessions: UserSessionsTable
  account_tokens: AccountTokensTable
  login_attempts: LoginAttemptsTable
  organizations: OrganizationsTable
  people: PeopleTable
  events: EventsTable
  event_hosts: EventHostsTable
  event_members: EventMembersTable
  audit_log: AuditLogTable
  sessions: SessionsTable
  session_buses: SessionBusesTable
  session_visits: SessionVisitsTable
  imports: ImportsTable
  invitations: InvitationsTable
  invitation_sessions: InvitationSessionsTable
  registrations: RegistrationsTable
  registration_sessions: RegistrationSessionsTable
  delegate_sessions: DelegateSessionsTable
  outbox: OutboxTable
  mail_batches: MailBatchesTable
  checkin_devices: CheckinDevicesTable
  checkin_device_sessions: CheckinDeviceSessionsTable
  checkins: CheckinsTable
  revoked_tickets: RevokedTicketsTable
  segments: SegmentsTable
  segment_parties: SegmentPartiesTable
  segment_people: SegmentPeopleTable
  projects: ProjectsTable
  protocol_ranks: ProtocolRanksTable
  stage_tables: StageTablesTable
  session_tallies: SessionTalliesTable
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Organization = Selectable<OrganizationsTable>
export type Person = Selectable<PeopleTable>
export type EventRow = Selectable<EventsTable>
export type NewEvent = Insertable<EventsTable>
export type SessionRow = Selectable<SessionsTable>
export type Invitation = Selectable<InvitationsTable>
export type Registration = Selectable<RegistrationsTable>
export type OutboxMessage = Selectable<OutboxTable>
export type CheckinDevice = Selectable<CheckinDevicesTable>
export type Checkin = Selectable<CheckinsTable>
export type SegmentRow = Selectable<SegmentsTable>
export type ProjectRow = Selectable<ProjectsTable>
