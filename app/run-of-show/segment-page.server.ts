/**
 * The segment page's data: one segment of a session's run of show, read from the session's plan
 * (once, with everything its checks need), with its planned time, its checks, its parties and
 * people on stage by name, the form's values, and the people and organizations to choose from.
 */
import type { TFunction } from 'i18next'
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language, SessionRow } from '../../db/schema'
import type { FormValues } from '../http/form'
import { formatTime } from '../i18n/format'
import { INTL_LOCALE } from '../i18n/i18n'
import { pickLocalized, readTriple } from '../i18n/localized'
import { listOrganizations } from '../organizations/organizations.server'
import { displayName, secondaryName } from '../people/names'
import { eventPeople, runOfShow, type SegmentDetail } from './run-of-show.server'
import { issueViews, segmentTitle } from './views-page.server'

export type SegmentPage = NonNullable<Awaited<ReturnType<typeof segmentPage>>>

/** The page of `segmentId`, or null when the session has no such segment. */
export async function segmentPage(
  db: Kysely<Database>,
  event: EventRow,
  session: SessionRow,
  segmentId: string,
  lng: Language,
  t: TFunction,
) {
  const [show, people, organizations] = await Promise.all([
    runOfShow(db, session),
    eventPeople(db, event.id),
    listOrganizations(db),
  ])
  const segment = show.segments.find((s) => s.id === segmentId)
  if (!segment) return null
  const slot = show.timed.find((s) => s.segment.id === segment.id)
  const collator = new Intl.Collator(INTL_LOCALE[lng])
  const orgName = new Map(organizations.map((o) => [o.id, pickLocalized(o.name, lng).text]))
  const names = new Map(people.map((p) => [p.id, displayName(p, lng)]))
  return {
    segmentId: segment.id,
    kind: segment.kind,
    title: segmentTitle(segment, lng),
    sessionTitle: pickLocalized(readTriple(session, 'title'), lng),
    start: slot ? formatTime(new Date(slot.start).toISOString(), event.timezone, lng) : '',
    end: slot ? formatTime(new Date(slot.end).toISOString(), event.timezone, lng) : '',
    issues: issueViews(show, t, lng, event.timezone).filter((i) => i.segmentId === segment.id),
    values: segmentValues(segment),
    parties: segment.parties.map((p) => ({
      id: p.id,
      organization: pickLocalized(readTriple(p.organization, 'name'), lng),
      country: p.organization.country,
      personId: p.personId ?? '',
      person: p.personId ? (names.get(p.personId) ?? '') : '',
      assistantId: p.assistantId ?? '',
    })),
    people: segment.people.map((p) => ({ ...p, name: names.get(p.personId) ?? '' })),
    personChoices: people
      .map((p) => {
        const secondary = secondaryName(p, lng)
        const org = p.organizationId ? orgName.get(p.organizationId) : undefined
        return {
          id: p.id,
          label: [displayName(p, lng), secondary && `(${secondary})`, org && `· ${org}`].filter(Boolean).join(' '),
        }
      })
      .sort((a, b) => collator.compare(a.label, b.label)),
    organizationChoices: organizations
      .map((o) => ({ id: o.id, label: pickLocalized(o.name, lng).text }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    projectStatus: segment.project?.status ?? null,
  }
}

/** The details form's values as stored. */
function segmentValues(segment: SegmentDetail): FormValues {
  const p = segment.project
  return {
    title_zh: segment.title_zh,
    title_en: segment.title_en,
    title_ja: segment.title_ja,
    minutes: String(segment.minutes),
    script_zh: segment.script_zh,
    script_en: segment.script_en,
    script_ja: segment.script_ja,
    award_zh: segment.award_zh,
    award_en: segment.award_en,
    award_ja: segment.award_ja,
    citation_zh: segment.citation_zh,
    citation_en: segment.citation_en,
    citation_ja: segment.citation_ja,
    copies: segment.copies === null ? '' : String(segment.copies),
    project_name_zh: p?.name_zh ?? '',
    project_name_en: p?.name_en ?? '',
    project_name_ja: p?.name_ja ?? '',
    chain: p?.chain ?? '',
    amount: p?.amount ?? '',
    currency: p?.currency ?? '',
    location_zh: p?.location_zh ?? '',
    location_en: p?.location_en ?? '',
    location_ja: p?.location_ja ?? '',
    description_zh: p?.description_zh ?? '',
    description_en: p?.description_en ?? '',
    description_ja: p?.description_ja ?? '',
    // The pipeline's later steps count as signed here; they are changed on the projects page.
    status: p ? (p.status === 'started' || p.status === 'invested' ? 'signed' : p.status) : 'planned',
  }
}
