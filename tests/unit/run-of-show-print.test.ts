import { describe, expect, it } from 'vitest'
import {
  printSegments,
  type SecondLanguage,
  secondLanguageOf,
  signingNameCards,
  stageDiagrams,
  type TimedSegment,
} from '../../app/run-of-show/print'
import type { PersonRef, SegmentDetail } from '../../app/run-of-show/run-of-show.server'
import type { StageRole } from '../../db/schema'

const STAMP = '2030-01-01T00:00:00.000Z'

function person(id: string, patch: Partial<PersonRef> = {}): PersonRef {
  return {
    id,
    familyName: '林',
    givenName: '志远',
    latinName: 'LIN Zhiyuan',
    kana: null,
    organizationId: null,
    title_zh: null,
    title_en: null,
    title_ja: null,
    vip: false,
    ...patch,
  }
}

function org(id: string, country = 'CN') {
  return { id, name_zh: `${id}-zh`, name_en: `${id}-en`, name_ja: `${id}-ja`, country }
}

function segment(patch: Partial<SegmentDetail> & Pick<SegmentDetail, 'id' | 'kind'>): SegmentDetail {
  return {
    event_id: 'e',
    session_id: 's',
    position: 0,
    title_zh: '标题',
    title_en: 'Title',
    title_ja: 'タイトル',
    minutes: 10,
    script_zh: '请',
    script_en: 'Please',
    script_ja: 'どうぞ',
    award_zh: '',
    award_en: '',
    award_ja: '',
    citation_zh: '',
    citation_en: '',
    citation_ja: '',
    copies: null,
    created_at: STAMP,
    updated_at: STAMP,
    parties: [],
    people: [],
    project: null,
    ...patch,
  }
}

/** Segments one after another from `start`, as runOfShow's `timed`. */
function timed(start: string, segments: SegmentDetail[]): TimedSegment[] {
  let at = Date.parse(start)
  return segments.map((detail) => {
    const slot = { segment: { id: detail.id, detail }, start: at, end: at + detail.minutes * 60_000 }
    at = slot.end
    return slot
  })
}

const slot = (personId: string, role: StageRole, position: number) => ({ personId, role, position })

const people = new Map<string, PersonRef>([
  ['mayor', person('mayor', { title_zh: '市长', title_en: 'Mayor', title_ja: '市長' })],
  ['director', person('director', { familyName: '陈', givenName: '海燕', latinName: 'CHEN Haiyan' })],
  ['wang', person('wang', { familyName: '王', givenName: '建国', latinName: 'WANG Jianguo' })],
  ['suzuki', person('suzuki', { familyName: '鈴木', givenName: '大輔', latinName: 'SUZUKI Daisuke' })],
  [
    'sato',
    person('sato', { familyName: '佐藤', givenName: '健一', latinName: 'SATO Kenichi', kana: 'さとう けんいち' }),
  ],
  ['aide', person('aide', { familyName: '李', givenName: '娜', latinName: 'LI Na' })],
])

const signing = segment({
  id: 'sign',
  kind: 'signing',
  position: 1,
  minutes: 12,
  copies: 3,
  // stored out of order: the print follows `position`
  parties: [
    { id: 'p3', position: 2, organization: org('itochu', 'jp'), personId: 'suzuki', assistantId: null },
    { id: 'p1', position: 0, organization: org('laizhou'), personId: 'wang', assistantId: 'aide' },
    { id: 'p2', position: 1, organization: org('spic'), personId: null, assistantId: null },
  ],
  people: [slot('director', 'witness', 1), slot('mayor', 'witness', 0)],
  project: {
    id: 'proj',
    event_id: 'e',
    segment_id: 'sign',
    name_zh: '氢能项目',
    name_en: 'Hydrogen project',
    name_ja: '水素プロジェクト',
    chain: 'hydrogen',
    amount: '5000000000.00',
    currency: 'CNY',
    location_zh: '莱州',
    location_en: 'Laizhou',
    location_ja: '莱州',
    description_zh: '',
    description_en: '',
    description_ja: '',
    status: 'confirmed',
    signed_on: null,
    started_on: null,
    invested_on: null,
    invested_amount: null,
    created_at: STAMP,
    updated_at: STAMP,
  },
})

const speech = segment({
  id: 'speech',
  kind: 'speech',
  minutes: 8,
  people: [slot('mayor', 'speaker', 0)],
})

const award = segment({
  id: 'award',
  kind: 'award',
  position: 2,
  minutes: 15,
  award_zh: '招商合伙人',
  award_en: 'Partner',
  award_ja: 'パートナー',
  citation_zh: '感谢',
  citation_en: 'Thanks',
  citation_ja: '感謝',
  copies: 7,
  parties: [{ id: 'a1', position: 0, organization: org('sojitz', 'JP'), personId: 'sato', assistantId: null }],
  people: [slot('mayor', 'presenter', 0)],
})

// 09:00 in Shanghai is 01:00 UTC; the process zone plays no part.
const printed = printSegments(timed('2030-05-20T01:00:00.000Z', [speech, signing, award]), people, 'Asia/Shanghai')

describe('the printed run of show', () => {
  it('prints Japanese beside Chinese when the event offers it, else English, unless ?second= says', () => {
    const cases: [string | null, string, SecondLanguage][] = [
      [null, 'zh,ja,en', 'ja'],
      [null, 'zh,en', 'en'],
      [null, 'en', 'en'],
      ['en', 'zh,ja,en', 'en'],
      ['ja', 'zh,en', 'ja'],
      ['zh', 'zh,ja', 'ja'],
      ['<script>', 'zh', 'en'],
    ]
    for (const [requested, offered, expected] of cases) expect(secondLanguageOf(requested, offered)).toBe(expected)
  })

  it('gives each segment its planned start and end as wall-clock time in the event time zone', () => {
    expect(printed.map((s) => [s.number, s.start, s.end])).toEqual([
      [1, '09:00', '09:08'],
      [2, '09:08', '09:20'],
      [3, '09:20', '09:35'],
    ])
    const inTokyo = printSegments(timed('2030-05-20T01:00:00.000Z', [speech]), people, 'Asia/Tokyo')
    expect([inTokyo[0]?.start, inTokyo[0]?.end]).toEqual(['10:00', '10:08'])
  })

  it('seats the parties left to right by position, with signatory, assistant, and an unknown signatory as null', () => {
    const s = printed[1]
    expect(s?.parties.map((p) => [p.seat, p.organization.id, p.person?.id ?? null, p.assistant?.id ?? null])).toEqual([
      [1, 'laizhou', 'wang', 'aide'],
      [2, 'spic', null, null],
      [3, 'itochu', 'suzuki', null],
    ])
    expect(s?.parties[0]?.organization.name).toEqual({ zh: 'laizhou-zh', en: 'laizhou-en', ja: 'laizhou-ja' })
    // the country in upper case, whatever was stored
    expect(s?.parties[2]?.organization.country).toBe('JP')
  })

  it('groups the people on stage by role in stage order, with their titles', () => {
    expect(printed[1]?.stage).toEqual([
      {
        role: 'witness',
        people: [
          expect.objectContaining({ id: 'mayor', native: '林志远', title: { zh: '市长', en: 'Mayor', ja: '市長' } }),
          expect.objectContaining({ id: 'director', native: '陈海燕', title: { zh: '', en: '', ja: '' } }),
        ],
      },
    ])
    expect(printed[0]?.stage.map((g) => [g.role, g.people.map((p) => p.id)])).toEqual([['speaker', ['mayor']]])
  })

  it('writes a name in Japanese script, with a space, for a kana reading or a Japanese organization', () => {
    const signatory = printed[1]?.parties[2]?.person
    expect([signatory?.native, signatory?.latin, signatory?.lang]).toEqual(['鈴木 大輔', 'SUZUKI Daisuke', 'ja'])
    const recipient = printed[2]?.parties[0]?.person
    expect([recipient?.native, recipient?.kana, recipient?.lang]).toEqual(['佐藤 健一', 'さとう けんいち', 'ja'])
    expect(printed[1]?.parties[0]?.person?.lang).toBe('zh')
  })

  it('keeps the award and citation for awards, the project and copies for signings, and lists the props', () => {
    expect(printed[2]?.award).toEqual({ zh: '招商合伙人', en: 'Partner', ja: 'パートナー' })
    expect(printed[2]?.citation).toEqual({ zh: '感谢', en: 'Thanks', ja: '感謝' })
    expect(printed[2]?.copies).toBeNull()
    expect(printed[2]?.props).toEqual([{ code: 'plaques', count: 1 }])
    expect(printed[1]?.award).toBeNull()
    expect(printed[1]?.copies).toBe(3)
    expect(printed[1]?.project?.name.en).toBe('Hydrogen project')
    expect(printed[1]?.project?.amount.zh).toBe('¥5,000,000,000.00')
    expect(printed[1]?.project?.amount.en).toBe('CN¥5,000,000,000.00')
    expect(printed[1]?.props).toEqual([
      { code: 'pens', count: 3 },
      { code: 'folders', count: 3, copies: 3 },
      { code: 'nameCards', count: 3 },
      { code: 'flags', countries: ['CN', 'JP'] },
    ])
    expect(printed[0]?.props).toEqual([])
  })

  it('draws a diagram per signing only, witnesses standing behind', () => {
    const diagrams = stageDiagrams(printed)
    expect(diagrams.map((d) => [d.segmentId, d.number, d.start, d.end])).toEqual([['sign', 2, '09:08', '09:20']])
    expect(diagrams[0]?.seats.map((s) => s.seat)).toEqual([1, 2, 3])
    expect(diagrams[0]?.witnesses.map((w) => w.id)).toEqual(['mayor', 'director'])
  })

  it('makes one name card per known signatory at a signing table, left to right, none for award recipients', () => {
    expect(signingNameCards(printed).map((c) => [c.key, c.person.id, c.organization.id])).toEqual([
      ['sign:1', 'wang', 'laizhou'],
      ['sign:3', 'suzuki', 'itochu'],
    ])
  })
})
