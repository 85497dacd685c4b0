import { describe, expect, it } from 'vitest'
import { parseRegistrationForm } from '../../app/registration/registration-form'

const valid = {
  family_name: '佐藤',
  given_name: '健一',
  latin_name: 'SATO  Kenichi',
  kana: 'さとう けんいち',
  title: '部長',
  organization: 'パナソニック',
  email: ' Sato@Example.JP ',
  phone: '＋81 90-1234-5678',
  language: 'ja',
  diet: 'halal',
  allergies: 'エビ',
  accessibility: '',
  interpretation: 'ja',
  arrival_date: '2030-05-19',
  arrival_transport: 'NH 921',
  departure_date: '2030-05-22',
  departure_transport: '',
  hotel_needed: 'on',
  sessions: ['a', 'b', 'a'],
  consent: 'yes',
  submission_key: 'abcdefghijklmnopqrstuvwx',
}

describe('the registration form', () => {
  it('accepts a complete form and normalizes email, phone, spaces and repeated sessions', () => {
    const result = parseRegistrationForm(valid)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({
      latinName: 'SATO Kenichi',
      email: 'sato@example.jp',
      phone: '+81 90-1234-5678',
      diet: 'halal',
      hotelNeeded: true,
      sessionIds: ['a', 'b'],
      submissionKey: 'abcdefghijklmnopqrstuvwx',
    })
  })
  it('names each field at fault with its message key', () => {
    const result = parseRegistrationForm({
      ...valid,
      given_name: '健一😀',
      latin_name: 'Sato\u202Eevil',
      kana: 'sato',
      email: 'not-an-email',
      phone: '☎ call me',
      diet: 'paleo',
      consent: '',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({
      given_name: { key: 'validation.name' },
      latin_name: { key: 'validation.latinName' },
      kana: { key: 'validation.kana' },
      email: { key: 'validation.email' },
      phone: { key: 'validation.phone' },
      diet: { key: 'validation.choice' },
      consent: { key: 'validation.consent' },
    })
  })
  it('refuses right-to-left text in the Latin name but keeps native scripts in names', () => {
    expect(parseRegistrationForm({ ...valid, latin_name: 'كينيتشي' }).ok).toBe(false)
    expect(parseRegistrationForm({ ...valid, family_name: '王', given_name: '小明', kana: '' }).ok).toBe(true)
  })
  it('refuses a departure before the arrival, and a form without any name', () => {
    const late = parseRegistrationForm({ ...valid, departure_date: '2030-05-18' })
    expect(late.ok ? null : late.errors.departure_date).toEqual({ key: 'validation.departureBeforeArrival' })
    const nameless = parseRegistrationForm({ ...valid, family_name: '', given_name: '', latin_name: '' })
    expect(nameless.ok ? null : nameless.errors.latin_name?.key).toBe('validation.required')
  })
  it('takes a Latin name alone, with no name in another script and no kana (John Smith)', () => {
    const john = parseRegistrationForm({
      ...valid,
      family_name: '',
      given_name: '',
      kana: '',
      latin_name: 'John Smith',
    })
    expect(john.ok && [john.value.familyName, john.value.givenName, john.value.latinName, john.value.kana]).toEqual([
      '',
      '',
      'John Smith',
      null,
    ])
  })

  it('takes a form that does not ask for kana at all (no kana field is sent, as for an English reader)', () => {
    const { kana: _none, ...withoutKana } = { ...valid, family_name: '', given_name: '', latin_name: 'John Smith' }
    const john = parseRegistrationForm(withoutKana)
    expect(john.ok && john.value.kana).toBeNull()
  })
})
