import { describe, expect, it } from 'vitest'
import { CAPABILITIES, CAPABILITY_LIST, can, ROLE_LIST, rolesWith } from '../../app/auth/permissions'
import en from '../../app/i18n/locales/en'
import ja from '../../app/i18n/locales/ja'
import zh from '../../app/i18n/locales/zh'
import { lookup } from '../../app/i18n/messages'
import { accountStatus } from '../../app/users/accounts.server'
import { describeUserAgent } from '../../app/users/my-account.server'

describe('the permission table the team page shows', () => {
  it('has a sentence for every capability and a name for every role, in every language', () => {
    for (const messages of [en, zh, ja]) {
      for (const capability of CAPABILITY_LIST) expect(lookup(messages, `team.capabilities.${capability}`)).toBeTruthy()
      for (const role of ROLE_LIST) expect(lookup(messages, `team.roles.${role}.name`)).toBeTruthy()
    }
  })
  it('is what the checks read', () => {
    for (const role of ROLE_LIST)
      for (const capability of CAPABILITY_LIST)
        expect(can({ isAdmin: false }, role, capability)).toBe(CAPABILITIES[role].includes(capability))
  })
  it('finds the roles that grant a capability', () => {
    expect(rolesWith('mail.read')).toEqual(['organizer'])
    expect(rolesWith('checkin.scan')).toEqual(['organizer', 'checkin'])
    expect(rolesWith('event.view')).toEqual(['organizer', 'viewer'])
  })
})

describe('an account’s status', () => {
  it('is disabled, invited (no password yet) or active', () => {
    expect(accountStatus({ disabled_at: 'x', activated_at: 'y' })).toBe('disabled')
    expect(accountStatus({ disabled_at: null, activated_at: null })).toBe('invited')
    expect(accountStatus({ disabled_at: null, activated_at: 'y' })).toBe('active')
  })
})

describe('a session’s browser in a few words', () => {
  it('names the common browsers and systems', () => {
    const ua = {
      chromeAndroid:
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
      safariIphone:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      edgeWindows:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
      wechat:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50',
      firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0',
    }
    expect(describeUserAgent(ua.chromeAndroid)).toBe('Chrome · Android')
    expect(describeUserAgent(ua.safariIphone)).toBe('Safari · iPhone')
    expect(describeUserAgent(ua.edgeWindows)).toBe('Edge · Windows')
    expect(describeUserAgent(ua.wechat)).toBe('WeChat · iPhone')
    expect(describeUserAgent(ua.firefoxMac)).toBe('Firefox · macOS')
    expect(describeUserAgent('curl/8.5.0')).toBe('curl')
    expect(describeUserAgent(null)).toBe('—')
  })
})
