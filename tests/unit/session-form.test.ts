import { describe, expect, it } from 'vitest'
import { parseSessionForm } from '../../app/sessions/session-form'

const event = { timezone: 'Asia/Shanghai', startsOn: '2027-05-20', endsOn: '2027-05-22' }
const valid = {
  kind: 'forum',
  title_zh: '中日氢能源产业合作交流会',
  title_en: 'Hydrogen Forum',
  title_ja: '',
  description_zh: '',
  description_en: '',
  description_ja: '',
  room_zh: '一号会议厅',
  room_en: 'Hall 1',
  room_ja: '',
  date: '2027-05-20',
  start_time: '09:00',
  end_time: '10:30',
  capacity: '160',
  registration_required: 'on',
  interpretation: ['zh-ja'],
  chain: 'Hydrogen',
  meeting_point_zh: '',
  meeting_point_en: '',
  meeting_point_ja: '',
  meeting_time: '',
  visits: [],
}
const visit = {
  ...valid,
  kind: 'site_visit',
  meeting_point_en: 'Hotel lobby',
  meeting_time: '08:15',
  start_time: '08:30',
  end_time: '12:00',
  bus_label_0: '1',
  bus_seats_0: '40',
  bus_label_1: '2',
  bus_seats_1: '30',
  capacity: '',
}

const errorsOf = (patch: Record<string, string | string[]>, base: Record<string, string | string[]> = valid) => {
  const result = parseSessionForm({ ...base, ...patch }, event)
  return result.ok ? {} : result.errors
}

describe('session form', () => {
  it('turns local times in the event zone into UTC', () => {
    const result = parseSessionForm(valid, event)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({
      startsAt: '2027-05-20T01:00:00.000Z',
      endsAt: '2027-05-20T02:30:00.000Z',
      capacity: 160,
      registrationRequired: true,
      interpretation: ['zh-ja'],
      chain: 'hydrogen',
      buses: [],
    })
  })

  it('treats an empty capacity as unlimited and an unticked box as open to all', () => {
    const result = parseSessionForm({ ...valid, capacity: '', registration_required: '' }, event)
    expect(result.ok && result.value.capacity).toBeNull()
    expect(result.ok && result.value.registrationRequired).toBe(false)
  })

  it('refuses an end before (or at) the start', () => {
    expect(errorsOf({ end_time: '08:59' }).end_time).toEqual({ key: 'validation.endBeforeStart' })
    expect(errorsOf({ end_time: '09:00' }).end_time).toEqual({ key: 'validation.endBeforeStart' })
  })

  it('refuses a session outside the event dates, naming them', () => {
    expect(errorsOf({ date: '2027-05-23' }).date).toEqual({
      key: 'validation.outsideEventDates',
      values: { start: '2027-05-20', end: '2027-05-22' },
    })
    expect(errorsOf({ date: '2027-05-19' }).date?.key).toBe('validation.outsideEventDates')
  })

  it('refuses a negative, fractional, zero or non-numeric capacity', () => {
    for (const capacity of ['-5', '1.5', '0', 'abc', '100001']) {
      expect(errorsOf({ capacity }).capacity?.key, capacity).toBe('validation.capacity')
    }
  })

  it('keeps the buses, meeting point and time of a site visit', () => {
    const result = parseSessionForm(visit, event)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.meetingAt).toBe('2027-05-20T00:15:00.000Z')
    expect(result.value.buses).toEqual([
      { label: '1', seats: 40 },
      { label: '2', seats: 30 },
    ])
  })

  it('refuses a site visit with no meeting time, a meeting after the start, or no meeting point', () => {
    expect(errorsOf({ meeting_time: '' }, visit).meeting_time?.key).toBe('validation.meetingTimeRequired')
    expect(errorsOf({ meeting_time: '08:45' }, visit).meeting_time?.key).toBe('validation.meetingAfterStart')
    expect(errorsOf({ meeting_point_en: '' }, visit).meeting_point_zh?.key).toBe('validation.meetingPointRequired')
  })

  it('gives a site visit without a capacity the seats its buses carry, and refuses more than they carry', () => {
    const result = parseSessionForm(visit, event)
    expect(result.ok && result.value.capacity).toBe(70)
    const fewer = parseSessionForm({ ...visit, capacity: '50' }, event)
    expect(fewer.ok && fewer.value.capacity).toBe(50)
    expect(errorsOf({ capacity: '71' }, visit).capacity).toEqual({
      key: 'validation.capacityOverBuses',
      values: { seats: 70 },
    })
    // a visit without buses keeps an empty capacity as unlimited
    const noBus = parseSessionForm(
      { ...visit, bus_label_0: '', bus_seats_0: '', bus_label_1: '', bus_seats_1: '' },
      event,
    )
    expect(noBus.ok && noBus.value.capacity).toBeNull()
  })

  it('refuses a bus without a sensible seat count', () => {
    expect(errorsOf({ bus_seats_1: '-3' }, visit).bus_seats_1?.key).toBe('validation.seats')
    expect(errorsOf({ bus_seats_1: '' }, visit).bus_seats_1?.key).toBe('validation.seats')
  })

  it('drops site-visit details from other kinds of session', () => {
    const result = parseSessionForm({ ...visit, kind: 'seminar' }, event)
    expect(result.ok && result.value.buses).toEqual([])
    expect(result.ok && result.value.meetingAt).toBeNull()
  })

  it('refuses an unknown kind, a bad time and an over-long room name', () => {
    expect(errorsOf({ kind: 'party' }).kind?.key).toBe('validation.choice')
    expect(errorsOf({ start_time: '9am' }).start_time?.key).toBe('validation.time')
    expect(errorsOf({ room_en: 'x'.repeat(201) }).room_en).toEqual({ key: 'validation.tooLong', values: { max: 200 } })
  })
})
