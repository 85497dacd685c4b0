/**
 * Views the run of show's pages share (run-of-show-page, segment-page, readiness-page): a run of
 * show shaped for pages in the reader's language, each segment's planned times in the event's
 * time zone, who is on stage, and each check's finding already worded (the message's values are
 * names, organizations and the other stage, resolved here).
 */
import type { TFunction } from 'i18next'
import type { Language, SegmentKind } from '../../db/schema'
import { formatTime } from '../i18n/format'
import { type LocalizedText, pickLocalized, readTriple } from '../i18n/localized'
import { displayName, secondaryName } from '../people/names'
import type { PlanIssue, PlanSegment, ScheduleResult } from './rules'
import type { PersonRef, RunOfShow, SegmentDetail } from './run-of-show.server'

export interface IssueView {
  level: 'error' | 'warning'
  code: PlanIssue['code']
  segmentId: string
  message: string
}

export interface NameView {
  id: string
  name: string
  secondary: string
}

export interface StageLine {
  /** message key of the line's label, e.g. runOfShow.roles.speaker */
  label: string
  names: { text: string; org?: LocalizedText }[]
}

export interface SegmentView {
  id: string
  kind: SegmentKind
  title: LocalizedText
  minutes: number
  start: string
  end: string
  lines: StageLine[]
  issues: IssueView[]
  partyCount: number
}

export function personName(people: Map<string, PersonRef>, id: string | null, lng: Language): string {
  const person = id ? people.get(id) : undefined
  return person ? displayName(person, lng) : ''
}

export function nameView(person: PersonRef, lng: Language): NameView {
  return { id: person.id, name: displayName(person, lng), secondary: secondaryName(person, lng) }
}

export function segmentTitle(segment: SegmentDetail, lng: Language): LocalizedText {
  return pickLocalized(readTriple(segment, 'title'), lng)
}

function stageLines(segment: SegmentDetail, people: Map<string, PersonRef>, lng: Language): StageLine[] {
  const lines: StageLine[] = []
  const roles = [...new Set(segment.people.map((p) => p.role))]
  for (const role of roles) {
    lines.push({
      label: `runOfShow.roles.${role}`,
      names: segment.people.filter((p) => p.role === role).map((p) => ({ text: personName(people, p.personId, lng) })),
    })
  }
  if (segment.kind === 'signing' || segment.kind === 'award' || segment.kind === 'initiative') {
    lines.push({
      label: `runOfShow.parties.${segment.kind}`,
      names: segment.parties.map((p) => ({
        text: personName(people, p.personId, lng),
        org: pickLocalized(readTriple(p.organization, 'name'), lng),
      })),
    })
  }
  return lines
}

/** Words each finding, with the names of the people, organizations and other stages it concerns. */
export function issueViews(show: RunOfShow, t: TFunction, lng: Language, timezone: string): IssueView[] {
  const orgName = (id: string) => {
    for (const s of show.segments) {
      const party = s.parties.find((p) => p.organization.id === id)
      if (party) return pickLocalized(readTriple(party.organization, 'name'), lng).text
    }
    return ''
  }
  const span = (start: number, end: number) =>
    `${formatTime(new Date(start).toISOString(), timezone, lng)}–${formatTime(new Date(end).toISOString(), timezone, lng)}`
  const otherLabel = (other: string) => {
    const inSession = show.timed.find((slot) => slot.segment.id === other)
    if (inSession)
      return `${segmentTitle(inSession.segment.detail, lng).text} · ${span(inSession.start, inSession.end)}`
    const place = show.places.get(other)
    if (!place) return ''
    const values = {
      segment: pickLocalized(place.title, lng).text,
      session: pickLocalized(place.sessionTitle, lng).text,
      event: pickLocalized(place.eventTitle, lng).text,
      time: span(place.start, place.end),
    }
    return place.sameEvent ? t('runOfShow.page.elsewhere', values) : t('runOfShow.page.elsewhereOtherEvent', values)
  }
  return show.issues.map((issue) => {
    const values: Record<string, string | number> = {}
    if ('personId' in issue) values.person = personName(show.people, issue.personId, lng)
    if ('organizationId' in issue) values.organization = orgName(issue.organizationId)
    if (issue.code === 'double_booked') values.other = otherLabel(issue.other)
    if (issue.code === 'overrun') values.minutes = issue.minutes
    if (issue.code === 'table_too_small') {
      values.parties = issue.parties
      values.seats = issue.seats
    }
    return {
      level: issue.level,
      code: issue.code,
      segmentId: issue.segmentId,
      message: t(
        issue.code === 'not_registered'
          ? `runOfShow.issues.not_registered.${issue.why}`
          : `runOfShow.issues.${issue.code}`,
        values,
      ),
    }
  })
}

export function segmentViews(show: RunOfShow, issues: IssueView[], lng: Language, timezone: string): SegmentView[] {
  return show.timed.map((slot) => {
    const s = slot.segment.detail
    return {
      id: s.id,
      kind: s.kind,
      title: segmentTitle(s, lng),
      minutes: s.minutes,
      start: formatTime(new Date(slot.start).toISOString(), timezone, lng),
      end: formatTime(new Date(slot.end).toISOString(), timezone, lng),
      lines: stageLines(s, show.people, lng),
      issues: issues.filter((i) => i.segmentId === s.id),
      partyCount: s.parties.length,
    }
  })
}

/** The scheduling helper's answer, worded: the proposed order with times, or why there is none. */
export function proposalView(
  result: ScheduleResult<PlanSegment>,
  show: RunOfShow,
  t: TFunction,
  lng: Language,
  timezone: string,
):
  | { ok: true; order: { id: string; title: LocalizedText; start: string; end: string }[] }
  | { ok: false; message: string } {
  const byId = new Map(show.segments.map((s) => [s.id, s]))
  const title = (id: string) => {
    const s = byId.get(id)
    return s ? segmentTitle(s, lng) : { text: '', lang: lng, isFallback: false }
  }
  if (result.ok)
    return {
      ok: true,
      order: result.order.map((slot) => ({
        id: slot.segment.id,
        title: title(slot.segment.id),
        start: formatTime(new Date(slot.start).toISOString(), timezone, lng),
        end: formatTime(new Date(slot.end).toISOString(), timezone, lng),
      })),
    }
  if (result.reason === 'segment_invalid') {
    const problem = show.issues.find((i) => i.segmentId === result.segmentId && i.code === result.issue)
    const problemText = problem
      ? (issueViews({ ...show, issues: [problem] }, t, lng, timezone)[0]?.message ?? '')
      : t(`runOfShow.issues.${result.issue}`)
    return {
      ok: false,
      message: t('runOfShow.schedule.segment_invalid', {
        segment: title(result.segmentId).text,
        problem: problemText,
      }),
    }
  }
  return {
    ok: false,
    message: t('runOfShow.schedule.no_order', {
      person: personName(show.people, result.personId, lng),
      segment: title(result.segmentId).text,
    }),
  }
}
