/**
 * A session's run of show, pure: planned times from the durations, the checks an organizer sees
 * on the plan (errors and warnings, each with a code the UI turns into what to fix), and the
 * scheduling helper that proposes an order keeping protocol (higher-ranking officials first) in
 * which nobody is on two stages at once, or says why there is none (issue 6).
 */

export const SEGMENT_KINDS = [
  'speech',
  'signing',
  'award',
  'initiative',
  'performance',
  'photo',
  'break',
  'other',
] as const
export type SegmentKind = (typeof SEGMENT_KINDS)[number]

export interface SigningParty {
  organizationId: string
  /** the person who signs for the organization; null while unknown */
  signatoryId: string | null
  assistantId?: string | null
}

export interface PlanSegment {
  id: string
  kind: SegmentKind
  /** planned duration in minutes (> 0) */
  minutes: number
  /** everyone on stage in this segment: speakers, signatories, witnesses, presenters, recipients */
  people: readonly string[]
  /** signings: the parties, left to right */
  parties?: readonly SigningParty[]
  /** awards and initiatives: the organizations coming up, in order */
  organizations?: readonly string[]
}

/** Someone's time on another stage (another session of this or another event). */
export interface Booking {
  personId: string
  start: number
  end: number
  /** what the UI names: the other segment and session */
  label: string
}

export interface PlanContext {
  /** the session's start and end, epoch ms */
  sessionStart: number
  sessionEnd: number
  /** people's time on other stages */
  bookings: readonly Booking[]
  /** who holds a confirmed place at this session (for the warnings); null: not checked */
  registered: ReadonlySet<string> | null
  /** why someone holds no place, for people not in `registered` (absent: no place at this session) */
  absence?: ReadonlyMap<string, Absence>
  /** people who must be registered to be on stage (signatories, recipients); others are staff or officials */
  mustRegister: ReadonlySet<string>
  /** seats at the signing table of the session's room; null: unknown */
  tableSeats: number | null
}

export interface Timed<T extends PlanSegment = PlanSegment> {
  segment: T
  start: number
  end: number
}

/** Planned times: one segment after the other from the session's start. */
export function plannedTimes<T extends PlanSegment>(sessionStart: number, segments: readonly T[]): Timed<T>[] {
  let at = sessionStart
  return segments.map((segment) => {
    const start = at
    at += segment.minutes * 60_000
    return { segment, start, end: at }
  })
}

/**
 * Why someone on stage holds no place at the session, so the finding says what to do: they
 * declined the invitation, cancelled, never answered it, wait for approval or for a seat, or hold
 * none at this session.
 */
export type Absence = 'declined' | 'cancelled' | 'no_answer' | 'pending' | 'waitlisted' | 'no_seat'

export type PlanIssue =
  | { level: 'error'; code: 'double_booked'; segmentId: string; personId: string; other: string }
  | { level: 'error'; code: 'too_few_parties'; segmentId: string }
  | { level: 'error'; code: 'missing_signatory'; segmentId: string; organizationId: string }
  | { level: 'error'; code: 'signs_twice'; segmentId: string; personId: string }
  | { level: 'error'; code: 'organization_twice'; segmentId: string; organizationId: string }
  | { level: 'error'; code: 'invalid_duration'; segmentId: string }
  | { level: 'warning'; code: 'not_registered'; segmentId: string; personId: string; why: Absence }
  | { level: 'warning'; code: 'overrun'; segmentId: string; minutes: number }
  | { level: 'warning'; code: 'table_too_small'; segmentId: string; parties: number; seats: number }

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end

/** The errors a segment has wherever it is placed: its own make-up. */
export function segmentIssues(segment: PlanSegment): PlanIssue[] {
  const issues: PlanIssue[] = []
  const id = segment.id
  if (!(segment.minutes > 0) || !Number.isFinite(segment.minutes)) {
    issues.push({ level: 'error', code: 'invalid_duration', segmentId: id })
  }
  const orgs =
    segment.kind === 'signing' ? (segment.parties ?? []).map((p) => p.organizationId) : (segment.organizations ?? [])
  const seen = new Set<string>()
  for (const org of orgs) {
    if (seen.has(org)) issues.push({ level: 'error', code: 'organization_twice', segmentId: id, organizationId: org })
    seen.add(org)
  }
  if (segment.kind === 'signing') {
    const parties = segment.parties ?? []
    if (parties.length < 2) issues.push({ level: 'error', code: 'too_few_parties', segmentId: id })
    const signers = new Set<string>()
    for (const party of parties) {
      if (!party.signatoryId) {
        issues.push({ level: 'error', code: 'missing_signatory', segmentId: id, organizationId: party.organizationId })
        continue
      }
      if (signers.has(party.signatoryId)) {
        issues.push({ level: 'error', code: 'signs_twice', segmentId: id, personId: party.signatoryId })
      }
      signers.add(party.signatoryId)
    }
  }
  return issues
}

/** Everything wrong with a plan in this order, errors first. */
export function checkPlan(segments: readonly PlanSegment[], context: PlanContext): PlanIssue[] {
  const timed = plannedTimes(context.sessionStart, segments)
  const issues: PlanIssue[] = []
  for (const slot of timed) {
    const id = slot.segment.id
    issues.push(...segmentIssues(slot.segment))
    for (const personId of new Set(slot.segment.people)) {
      // Another stage at the same time: another session, or another segment of this one.
      const clash =
        context.bookings.find((b) => b.personId === personId && overlaps(b, slot))?.label ??
        timed.find((o) => o !== slot && o.segment.people.includes(personId) && overlaps(o, slot))?.segment.id
      if (clash !== undefined)
        issues.push({ level: 'error', code: 'double_booked', segmentId: id, personId, other: clash })
      if (context.registered && context.mustRegister.has(personId) && !context.registered.has(personId)) {
        const why = context.absence?.get(personId) ?? 'no_seat'
        issues.push({ level: 'warning', code: 'not_registered', segmentId: id, personId, why })
      }
    }
    if (slot.end > context.sessionEnd) {
      issues.push({
        level: 'warning',
        code: 'overrun',
        segmentId: id,
        minutes: Math.ceil((slot.end - Math.max(slot.start, context.sessionEnd)) / 60_000),
      })
    }
    const parties = slot.segment.parties?.length ?? 0
    if (slot.segment.kind === 'signing' && context.tableSeats !== null && parties > context.tableSeats) {
      issues.push({ level: 'warning', code: 'table_too_small', segmentId: id, parties, seats: context.tableSeats })
    }
  }
  return issues.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1))
}

export type ScheduleResult<T extends PlanSegment> =
  | { ok: true; order: Timed<T>[] }
  | { ok: false; reason: 'segment_invalid'; segmentId: string; issue: PlanIssue['code'] }
  | { ok: false; reason: 'no_order'; personId: string; segmentId: string }

/**
 * Proposes an order of the segments (times follow from it) in which nobody is on two stages at
 * once, neither with their bookings elsewhere nor within the session. Protocol first: among the
 * orders that work it returns the one that puts segments with higher-ranking people earliest
 * (rank: lower number = higher rank, as the organizer ranked them; unranked people last), keeping
 * the given order between equals. A segment that cannot be right anywhere (no signatory, too few
 * parties, a bad duration) makes it refuse at once; when no order works it names a person and a
 * segment that cannot be placed.
 */
export function proposeSchedule<T extends PlanSegment>(
  segments: readonly T[],
  context: Pick<PlanContext, 'sessionStart' | 'bookings'>,
  rank: ReadonlyMap<string, number>,
): ScheduleResult<T> {
  for (const segment of segments) {
    const fatal = segmentIssues(segment)[0]
    if (fatal) return { ok: false, reason: 'segment_invalid', segmentId: segment.id, issue: fatal.code }
  }
  const best = (s: PlanSegment) =>
    Math.min(Number.POSITIVE_INFINITY, ...s.people.map((p) => rank.get(p) ?? Number.POSITIVE_INFINITY))
  // Protocol order: by the best rank on stage; equals keep the organizer's order.
  const byProtocol = segments
    .map((segment, index) => ({ segment, index }))
    .sort((a, b) => best(a.segment) - best(b.segment) || a.index - b.index)

  const placed: Timed<T>[] = []
  const used = new Array<boolean>(byProtocol.length).fill(false)
  let blocker: { personId: string; segmentId: string } | null = null

  const fits = (segment: T, start: number): string | null => {
    const slot = { start, end: start + segment.minutes * 60_000 }
    for (const personId of segment.people) {
      if (context.bookings.some((b) => b.personId === personId && overlaps(b, slot))) return personId
    }
    return null
  }

  // Depth-first in protocol order: the first complete order found is the most protocol-like.
  const search = (at: number): boolean => {
    if (placed.length === byProtocol.length) return true
    for (let i = 0; i < byProtocol.length; i++) {
      if (used[i]) continue
      const segment = byProtocol[i]?.segment
      if (!segment) continue
      const clash = fits(segment, at)
      if (clash !== null) {
        blocker ??= { personId: clash, segmentId: segment.id }
        continue
      }
      used[i] = true
      placed.push({ segment, start: at, end: at + segment.minutes * 60_000 })
      if (search(at + segment.minutes * 60_000)) return true
      placed.pop()
      used[i] = false
    }
    return false
  }

  if (search(context.sessionStart)) return { ok: true, order: placed }
  const why = blocker ?? { personId: '', segmentId: byProtocol[0]?.segment.id ?? '' }
  return { ok: false, reason: 'no_order', ...why }
}
