import { describe, expect, it } from 'vitest'
import { busSeats, checkCapacityChange } from '../../app/sessions/capacity'
import { groupByDay, groupByRoom, parallelRows, roomClashes } from '../../app/sessions/timetable'

const room = (en: string) => ({ zh: '', en, ja: '' })
const s = (id: string, startsAt: string, endsAt: string, r = '') => ({ id, startsAt, endsAt, room: room(r) })

const opening = s('opening', '2027-05-20T01:00:00.000Z', '2027-05-20T02:30:00.000Z', 'Hall 1')
const regen = s('regen', '2027-05-20T06:00:00.000Z', '2027-05-20T08:30:00.000Z', 'Room 2')
const biomed = s('biomed', '2027-05-20T06:00:00.000Z', '2027-05-20T08:30:00.000Z', 'Room 3')
const lateNight = s('late', '2027-05-20T16:30:00.000Z', '2027-05-20T17:30:00.000Z', 'Bar')

describe('timetable', () => {
  it('groups sessions by their local day in the event zone, not UTC', () => {
    const days = groupByDay([lateNight, opening], 'Asia/Shanghai')
    expect(days.map((d) => [d.date, d.sessions.map((x) => x.id)])).toEqual([
      ['2027-05-20', ['opening']],
      ['2027-05-21', ['late']],
    ])
  })

  it('puts overlapping sessions side by side in one row', () => {
    expect(parallelRows([biomed, opening, regen]).map((row) => row.map((x) => x.id))).toEqual([
      ['opening'],
      ['regen', 'biomed'],
    ])
  })

  it('warns about two sessions in the same room at the same time, whatever the case or spacing', () => {
    const clash = s('clash', '2027-05-20T07:00:00.000Z', '2027-05-20T09:00:00.000Z', ' room  2')
    expect(roomClashes([opening, regen, biomed, clash]).map(([a, b]) => [a.id, b.id])).toEqual([['regen', 'clash']])
    expect(roomClashes([regen, biomed])).toEqual([])
  })

  it('does not call back-to-back sessions in one room a clash', () => {
    const next = s('next', '2027-05-20T02:30:00.000Z', '2027-05-20T03:00:00.000Z', 'Hall 1')
    expect(roomClashes([opening, next])).toEqual([])
  })

  it('groups by room with roomless sessions last', () => {
    const noRoom = s('bus', '2027-05-21T00:30:00.000Z', '2027-05-21T04:00:00.000Z')
    expect(groupByRoom([noRoom, regen, opening]).map((g) => [g.room?.en ?? null, g.sessions.map((x) => x.id)])).toEqual(
      [
        ['Hall 1', ['opening']],
        ['Room 2', ['regen']],
        [null, ['bus']],
      ],
    )
  })
})

describe('capacity', () => {
  it('refuses a capacity below the seats taken, saying how many', () => {
    expect(checkCapacityChange(10, 12)).toEqual({ ok: false, reason: 'below_taken', taken: 12 })
    expect(checkCapacityChange(12, 12)).toEqual({ ok: true })
    expect(checkCapacityChange(null, 500)).toEqual({ ok: true })
  })

  it('adds up bus seats', () => {
    expect(busSeats([{ seats: 40 }, { seats: 30 }])).toBe(70)
    expect(busSeats([])).toBeNull()
  })
})
