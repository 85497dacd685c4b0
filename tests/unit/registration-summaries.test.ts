import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { registrationsCsv } from '../../app/registration/registration-export'
import type { RegistrationListItem } from '../../app/registration/registration-list.server'
import { type SummaryRegistration, summarize } from '../../app/registration/summaries'

const reg = (id: string, patch: Partial<SummaryRegistration> = {}): SummaryRegistration => ({
  id,
  diet: 'none',
  allergies: '',
  interpretation: '',
  arrivalDate: null,
  arrivalTransport: '',
  departureDate: null,
  departureTransport: '',
  hotelNeeded: false,
  ...patch,
})

describe('planning summaries', () => {
  const registrations = [
    reg('a', {
      interpretation: 'ja',
      diet: 'halal',
      allergies: 'Peanuts',
      arrivalDate: '2026-12-21',
      arrivalTransport: 'CA 123',
      hotelNeeded: true,
    }),
    reg('b', {
      interpretation: 'ja',
      diet: 'vegetarian',
      allergies: ' peanuts ',
      arrivalDate: '2026-12-21',
      arrivalTransport: 'ca 123',
    }),
    reg('c', { interpretation: 'en', arrivalDate: '2026-12-20', arrivalTransport: 'Train', hotelNeeded: true }),
    reg('d', { departureDate: '2026-12-24', departureTransport: 'ＣＡ　124' }),
  ]
  const summary = summarize({
    sessions: [
      { id: 'forum', kind: 'forum', registrationRequired: true },
      { id: 'banquet', kind: 'banquet', registrationRequired: true },
      { id: 'opening', kind: 'ceremony', registrationRequired: false },
    ],
    registrations,
    seats: [
      { registrationId: 'a', sessionId: 'forum' },
      { registrationId: 'b', sessionId: 'forum' },
      { registrationId: 'c', sessionId: 'forum' },
      { registrationId: 'a', sessionId: 'banquet' },
      { registrationId: 'd', sessionId: 'banquet' },
      // a seat of a registration that is not confirmed (not in the list) is not counted
      { registrationId: 'x', sessionId: 'banquet' },
    ],
  })

  it('counts interpretation headsets per session by listening language; open sessions count everyone', () => {
    const [forum, banquet, opening] = summary.sessions
    expect(forum).toMatchObject({ attendees: 3, headsets: { zh: 0, en: 1, ja: 2 }, headsetsTotal: 3, diet: null })
    expect(banquet).toMatchObject({ attendees: 2, headsets: { zh: 0, en: 0, ja: 1 }, headsetsTotal: 1 })
    expect(opening).toMatchObject({ openToAll: true, attendees: 4, headsetsTotal: 3 })
  })

  it('counts diets and groups allergies for the event and for each banquet only', () => {
    expect(summary.diet.counts).toEqual({ none: 2, halal: 1, vegetarian: 1, vegan: 0, kosher: 0, other: 0 })
    expect(summary.diet.allergies).toEqual([{ text: 'Peanuts', count: 2 }])
    expect(summary.sessions[1]?.diet?.counts).toMatchObject({ halal: 1, none: 1 })
    expect(summary.sessions[1]?.diet?.allergies).toEqual([{ text: 'Peanuts', count: 1 }])
  })

  it('groups arrivals and departures by day and transport (case and width ignored), undated last', () => {
    expect(summary.arrivals).toEqual([
      { date: '2026-12-20', total: 1, transports: [{ transport: 'Train', count: 1 }] },
      { date: '2026-12-21', total: 2, transports: [{ transport: 'CA 123', count: 2 }] },
      { date: null, total: 1, transports: [{ transport: '', count: 1 }] },
    ])
    expect(summary.departures[0]).toEqual({
      date: '2026-12-24',
      total: 1,
      transports: [{ transport: 'ＣＡ　124', count: 1 }],
    })
    expect(summary.departures.at(-1)).toMatchObject({ date: null, total: 3 })
    expect(summary.hotelRooms).toBe(2)
  })
})

describe('the registrations CSV', () => {
  it('starts with a BOM, neutralizes formulas and writes CJK as is', () => {
    const item: RegistrationListItem = {
      id: 'r1',
      status: 'confirmed',
      source: 'invitation',
      familyName: '佐藤',
      givenName: '健一',
      latinName: 'SATO Kenichi',
      kana: 'さとう けんいち',
      title: '=HYPERLINK("http://evil")',
      organization: '三菱商事',
      country: 'JP',
      email: 'sato@example.jp',
      phone: '+81 3 1234 5678',
      language: 'ja',
      vip: true,
      diet: 'halal',
      allergies: '',
      accessibility: '',
      interpretation: 'zh',
      arrivalDate: '2026-12-21',
      arrivalTransport: 'NH 905',
      departureDate: null,
      departureTransport: '',
      hotelNeeded: true,
      createdAt: '2026-11-30T16:30:00.000Z',
      badgeRole: null,
      hasTicket: true,
      seats: [
        { sessionId: 's1', status: 'confirmed' },
        { sessionId: 's2', status: 'waitlisted' },
      ],
    }
    const csv = registrationsCsv(
      [item],
      {
        header: (c) => c,
        status: (s) => s,
        diet: (d) => d,
        language: (l) => l,
        yes: 'yes',
        no: 'no',
        sessionTitle: (id) => ({ s1: '开幕式', s2: '欢迎晚宴' })[id] ?? id,
        separator: '; ',
      },
      'zh',
      'Asia/Shanghai',
    )
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const [header, row] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1]
    expect(cell('name')).toBe('佐藤健一')
    expect(cell('title')).toBe(`'=HYPERLINK("http://evil")`)
    expect(cell('phone')).toBe(`'+81 3 1234 5678`)
    expect(cell('sessions')).toBe('开幕式')
    expect(cell('waitlisted')).toBe('欢迎晚宴')
    expect(cell('registered_at')).toBe('2026-12-01 00:30')
  })
})
