/**
 * The printed run of show, pure: the second printed language, and a session's segments shaped
 * for paper (planned times as wall-clock text in the event's zone, who is on stage grouped by role
 * in stage order, the parties in seat order with their people, amounts written out, the props),
 * then one stage diagram per signing and one name card per signatory. Chinese is always printed;
 * the second language is Japanese or English.
 */
import type { Language, StageRole } from '../../db/schema'
import { formatTime } from '../i18n/format'
import { nativeName } from '../people/names'
import { formatAmount } from '../projects/amounts'
import { type Prop, segmentProps } from './props'
import type { SegmentKind } from './rules'
import type { PersonRef, SegmentDetail } from './run-of-show.server'

export const SECOND_LANGUAGES = ['ja', 'en'] as const
export type SecondLanguage = (typeof SECOND_LANGUAGES)[number]

export type Triple = Record<Language, string>

/**
 * The language printed beside Chinese: `?second=ja|en` when given, else Japanese when the event
 * offers it (its `languages`, comma-separated), else English.
 */
export function secondLanguageOf(requested: string | null, offered: string): SecondLanguage {
  if (requested === 'ja' || requested === 'en') return requested
  return offered.split(',').some((l) => l.trim() === 'ja') ? 'ja' : 'en'
}

export interface PrintPerson {
  id: string
  /** the name in native script, written the way its script writes it (佐藤 健一, 林志远) */
  native: string
  latin: string
  kana: string | null
  /** the script of the native name, for the lang attribute (Japanese and Chinese glyphs differ) */
  lang: 'zh' | 'ja'
  title: Triple
}

export interface PrintOrganization {
  id: string
  name: Triple
  /** ISO 3166-1 alpha-2, upper case */
  country: string
}

export interface PrintParty {
  /** 1-based: the seat from the left as the audience sees it, or the order coming up */
  seat: number
  organization: PrintOrganization
  /** the signatory, the person receiving, or the representative; null while unknown */
  person: PrintPerson | null
  assistant: PrintPerson | null
}

export interface PrintStageGroup {
  role: StageRole
  people: PrintPerson[]
}

export interface PrintProject {
  name: Triple
  /** the amount written out in each language, '' when unknown */
  amount: Triple
  location: Triple
}

export interface PrintSegment {
  id: string
  /** 1-based order in the session */
  number: number
  kind: SegmentKind
  minutes: number
  /** planned wall-clock times in the event's zone, 'HH:MM' */
  start: string
  end: string
  title: Triple
  script: Triple
  /** awards only */
  award: Triple | null
  citation: Triple | null
  /** signings: copies of the agreement */
  copies: number | null
  project: PrintProject | null
  /** the people on stage by role, roles in the order they first appear, people in stage order */
  stage: PrintStageGroup[]
  parties: PrintParty[]
  props: Prop[]
}

export interface StageDiagram {
  segmentId: string
  number: number
  title: Triple
  start: string
  end: string
  /** left to right as the audience sees the table */
  seats: PrintParty[]
  /** standing behind the table */
  witnesses: PrintPerson[]
}

export interface NameCard {
  key: string
  segmentId: string
  seat: number
  person: PrintPerson
  organization: PrintOrganization
  segmentTitle: Triple
}

/** The segment, its planned start and end (epoch ms), as runOfShow's `timed` gives them. */
export interface TimedSegment {
  segment: { id: string; detail: SegmentDetail }
  start: number
  end: number
}

const triple = (row: object, field: string): Triple => {
  const values = row as Record<string, unknown>
  const read = (lng: Language) => {
    const value = values[`${field}_${lng}`]
    return typeof value === 'string' ? value.trim() : ''
  }
  return { zh: read('zh'), en: read('en'), ja: read('ja') }
}

const isEmpty = (t: Triple) => !t.zh && !t.en && !t.ja

/** Japanese when the person has a kana reading or comes up for a Japanese organization. */
function scriptOf(person: PersonRef, country: string | null): 'zh' | 'ja' {
  return person.kana?.trim() || country?.toUpperCase() === 'JP' ? 'ja' : 'zh'
}

function printPerson(person: PersonRef, country: string | null): PrintPerson {
  const lang = scriptOf(person, country)
  return {
    id: person.id,
    native: nativeName(person, lang),
    latin: person.latinName.trim(),
    kana: person.kana?.trim() || null,
    lang,
    title: triple(person, 'title'),
  }
}

function amountOf(amount: string | null, currency: string | null): Triple {
  if (!amount || !currency) return { zh: '', en: '', ja: '' }
  return {
    zh: formatAmount(amount, currency, 'zh'),
    en: formatAmount(amount, currency, 'en'),
    ja: formatAmount(amount, currency, 'ja'),
  }
}

/** A session's segments as printed, in stage order with their planned times in `timeZone`. */
export function printSegments(
  timed: readonly TimedSegment[],
  people: ReadonlyMap<string, PersonRef>,
  timeZone: string,
): PrintSegment[] {
  const clock = (ms: number) => formatTime(new Date(ms).toISOString(), timeZone, 'en')
  // Countries of the organizations people come up for, so their names get the right script.
  const countries = new Map<string, string>()
  for (const { segment } of timed) {
    for (const party of segment.detail.parties) {
      for (const id of [party.personId, party.assistantId]) if (id) countries.set(id, party.organization.country)
    }
  }
  const personOf = (id: string | null): PrintPerson | null => {
    if (!id) return null
    const person = people.get(id)
    return person ? printPerson(person, countries.get(id) ?? null) : null
  }

  return timed.map(({ segment: { detail: s }, start, end }, index) => {
    const stage: PrintStageGroup[] = []
    for (const slot of [...s.people].sort((a, b) => a.position - b.position)) {
      const person = personOf(slot.personId)
      if (!person) continue
      const group = stage.find((g) => g.role === slot.role)
      if (group) group.people.push(person)
      else stage.push({ role: slot.role, people: [person] })
    }
    const parties: PrintParty[] = [...s.parties]
      .sort((a, b) => a.position - b.position)
      .map((p, i) => ({
        seat: i + 1,
        organization: {
          id: p.organization.id,
          name: triple(p.organization, 'name'),
          country: p.organization.country.toUpperCase(),
        },
        person: personOf(p.personId),
        assistant: personOf(p.assistantId),
      }))
    const award = s.kind === 'award' ? triple(s, 'award') : null
    const citation = s.kind === 'award' ? triple(s, 'citation') : null
    return {
      id: s.id,
      number: index + 1,
      kind: s.kind,
      minutes: s.minutes,
      start: clock(start),
      end: clock(end),
      title: triple(s, 'title'),
      script: triple(s, 'script'),
      award: award && !isEmpty(award) ? award : null,
      citation: citation && !isEmpty(citation) ? citation : null,
      copies: s.kind === 'signing' ? s.copies : null,
      project:
        s.kind === 'signing' && s.project
          ? {
              name: triple(s.project, 'name'),
              amount: amountOf(s.project.amount, s.project.currency),
              location: triple(s.project, 'location'),
            }
          : null,
      stage,
      parties,
      props: segmentProps({ kind: s.kind, parties: parties.map((p) => p.organization), copies: s.copies }),
    }
  })
}

/** One diagram per signing: the parties in their seats, the witnesses standing behind. */
export function stageDiagrams(segments: readonly PrintSegment[]): StageDiagram[] {
  return segments
    .filter((s) => s.kind === 'signing' && s.parties.length > 0)
    .map((s) => ({
      segmentId: s.id,
      number: s.number,
      title: s.title,
      start: s.start,
      end: s.end,
      seats: s.parties,
      witnesses: s.stage.filter((g) => g.role === 'witness').flatMap((g) => g.people),
    }))
}

/** One folded name card per signatory at a signing table, signing by signing, left to right. */
export function signingNameCards(segments: readonly PrintSegment[]): NameCard[] {
  return segments
    .filter((s) => s.kind === 'signing')
    .flatMap((s) =>
      s.parties.flatMap((p) =>
        p.person
          ? [
              {
                key: `${s.id}:${p.seat}`,
                segmentId: s.id,
                seat: p.seat,
                person: p.person,
                organization: p.organization,
                segmentTitle: s.title,
              },
            ]
          : [],
      ),
    )
}
