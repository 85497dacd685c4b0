import { describe, expect, it } from 'vitest'
import { parseEventForm } from '../../app/events/event-form'

const valid = {
  slug: 'yantai-2027',
  title_zh: '2027日本企业“烟台行”活动',
  title_en: '',
  title_ja: '',
  description_zh: '',
  description_en: '',
  description_ja: '',
  venue_zh: '烟台国际博览中心',
  venue_en: '',
  venue_ja: '',
  address_zh: '',
  address_en: '',
  address_ja: '',
  timezone: 'Asia/Shanghai',
  starts_on: '2027-05-20',
  ends_on: '2027-05-22',
  registration_mode: 'invite_only',
  registration_opens_at: '2027-04-01T09:00',
  registration_closes_at: '2027-05-15T18:00',
  languages: ['zh', 'ja'],
}

const errorsOf = (patch: Record<string, string | string[]>) => {
  const result = parseEventForm({ ...valid, ...patch })
  return result.ok ? {} : result.errors
}

describe('event form', () => {
  it('accepts a valid event and stores the registration window in UTC', () => {
    const result = parseEventForm(valid)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.registrationOpensAt).toBe('2027-04-01T01:00:00.000Z')
    expect(result.value.registrationClosesAt).toBe('2027-05-15T10:00:00.000Z')
    expect(result.value.title).toEqual({ zh: valid.title_zh, en: '', ja: '' })
    expect(result.value.languages).toEqual(['zh', 'ja'])
  })

  it('keeps whom delegates contact and how the mails go out, each optional', () => {
    const result = parseEventForm({
      ...valid,
      contact_name: ' 投资促进科 王芳 ',
      contact_phone: '+86 535 555 0100',
      contact_email: 'wang.fang@bureau.example.cn',
      contact_wechat: 'yantai_desk',
      sender_name: '烟台市商务局',
      reply_to: 'desk@bureau.example.cn',
    })
    expect(result.ok && result.value.contact).toEqual({
      name: '投资促进科 王芳',
      phone: '+86 535 555 0100',
      email: 'wang.fang@bureau.example.cn',
      wechat: 'yantai_desk',
      senderName: '烟台市商务局',
      replyTo: 'desk@bureau.example.cn',
    })
    const none = parseEventForm(valid)
    expect(none.ok && none.value.contact).toEqual({
      name: '',
      phone: '',
      email: '',
      wechat: '',
      senderName: '',
      replyTo: '',
    })
  })

  it('refuses a bad contact email, Reply-To, phone or WeChat ID, and a sender name that would break the header', () => {
    expect(errorsOf({ contact_email: 'not-an-email' }).contact_email?.key).toBe('validation.email')
    expect(errorsOf({ reply_to: 'a@b' }).reply_to?.key).toBe('validation.email')
    expect(errorsOf({ contact_phone: 'call me' }).contact_phone?.key).toBe('validation.phone')
    expect(errorsOf({ contact_wechat: '1abcdef' }).contact_wechat?.key).toBe('validation.wechat')
    expect(errorsOf({ contact_wechat: 'abc' }).contact_wechat?.key).toBe('validation.wechat')
    expect(errorsOf({ sender_name: 'Bureau\r\nBcc: x@example.org' }).sender_name?.key).toBe('validation.senderName')
    expect(errorsOf({ sender_name: 'A "quoted" <name>' }).sender_name?.key).toBe('validation.senderName')
  })

  it('defaults the time zone to Asia/Shanghai', () => {
    const result = parseEventForm({ ...valid, timezone: '' })
    expect(result.ok && result.value.timezone).toBe('Asia/Shanghai')
  })

  it('refuses an end before the start', () => {
    expect(errorsOf({ ends_on: '2027-05-19' }).ends_on).toEqual({ key: 'validation.endBeforeStart' })
  })

  it('refuses a slug with spaces or capitals', () => {
    expect(errorsOf({ slug: 'yantai 2027' }).slug?.key).toBe('validation.slug')
    expect(errorsOf({ slug: 'Yantai' }).slug?.key).toBe('validation.slug')
    expect(errorsOf({ slug: '' }).slug?.key).toBe('validation.required')
  })

  it('refuses a description over the length limit, saying the limit', () => {
    expect(errorsOf({ description_en: 'x'.repeat(4001) }).description_en).toEqual({
      key: 'validation.tooLong',
      values: { max: 4000 },
    })
  })

  it('needs a title in at least one language', () => {
    expect(errorsOf({ title_zh: '' }).title_zh?.key).toBe('validation.titleRequired')
  })

  it('refuses an unknown time zone, no language, an unknown mode and registration closing before it opens', () => {
    expect(errorsOf({ timezone: 'Mars/Base' }).timezone?.key).toBe('validation.timezone')
    expect(errorsOf({ languages: [] }).languages?.key).toBe('validation.languages')
    expect(errorsOf({ registration_mode: 'lottery' }).registration_mode?.key).toBe('validation.choice')
    expect(errorsOf({ registration_closes_at: '2027-03-01T09:00' }).registration_closes_at?.key).toBe(
      'validation.closesBeforeOpens',
    )
  })

  it('reads the doors’ scan window in minutes before each session: 120 when left out or empty, 0 to 720', () => {
    const minutes = (raw?: string) => {
      const result = parseEventForm(raw === undefined ? valid : { ...valid, scan_opens_minutes: raw })
      return result.ok ? result.value.scanOpensMinutes : null
    }
    expect(minutes()).toBe(120)
    expect(minutes('')).toBe(120)
    expect(minutes(' 45 ')).toBe(45)
    expect(minutes('0')).toBe(0)
    expect(minutes('720')).toBe(720)
    for (const bad of ['721', '-5', '1.5', 'two hours', '99999']) {
      expect(errorsOf({ scan_opens_minutes: bad }).scan_opens_minutes?.key).toBe('validation.scanOpensMinutes')
    }
  })

  it('reads host rows and refuses the same organization twice in one role', () => {
    const ok = parseEventForm({
      ...valid,
      host_org_0: 'a',
      host_role_0: 'host',
      host_org_1: 'b',
      host_role_1: 'co_organizer',
    })
    expect(ok.ok && ok.value.hosts).toEqual([
      { organizationId: 'a', role: 'host' },
      { organizationId: 'b', role: 'co_organizer' },
    ])
    const twice = errorsOf({ host_org_0: 'a', host_role_0: 'host', host_org_1: 'a', host_role_1: 'host' })
    expect(twice.host_org_1?.key).toBe('validation.duplicateHost')
  })

  it('keeps markup as plain text for the page to escape', () => {
    const result = parseEventForm({ ...valid, title_en: '<script>alert(1)</script>' })
    expect(result.ok && result.value.title.en).toBe('<script>alert(1)</script>')
  })
})
