import { describe, expect, it } from 'vitest'
import { checkOrigin } from '../../app/http/origin'

const allowedOrigins = ['https://signet.example.org', 'http://127.0.0.1:3000']
const post = (origin: string | null, fetchSite: string | null) =>
  checkOrigin({ method: 'POST', path: '/events', origin, fetchSite, allowedOrigins })

describe('origin check', () => {
  it('lets reads through whatever their origin', () => {
    expect(
      checkOrigin({
        method: 'GET',
        path: '/events',
        origin: 'https://evil.example',
        fetchSite: 'cross-site',
        allowedOrigins,
      }),
    ).toEqual({
      ok: true,
    })
  })

  it('accepts a same-origin POST from one of our origins', () => {
    expect(post('https://signet.example.org', 'same-origin')).toEqual({ ok: true })
    expect(post('http://127.0.0.1:3000', null)).toEqual({ ok: true })
  })

  it('refuses a POST from another site', () => {
    expect(post('https://evil.example', 'cross-site')).toEqual({ ok: false, reason: 'cross_site' })
    expect(post('https://evil.example', null)).toEqual({ ok: false, reason: 'cross_site' })
    expect(post('https://signet.example.org', 'same-site')).toEqual({ ok: false, reason: 'cross_site' })
  })

  it('lets a scanner authenticating with a device token through (no cookie rides along), but not other schemes', () => {
    const device = (authorization: string) =>
      checkOrigin({
        method: 'POST',
        path: '/api/v1/checkins',
        origin: null,
        fetchSite: null,
        authorization,
        allowedOrigins,
      })
    expect(device('Device abcDEF0123456789')).toEqual({ ok: true })
    expect(device('Device ')).toEqual({ ok: false, reason: 'cross_site' })
    expect(device('Bearer abc')).toEqual({ ok: false, reason: 'cross_site' })
  })

  it('checks a page action that carries a device token like any other (the exemption is the device API’s alone)', () => {
    const page = (path: string) =>
      checkOrigin({
        method: 'POST',
        path,
        origin: 'https://evil.example',
        fetchSite: 'cross-site',
        authorization: 'Device abcDEF0123456789',
        allowedOrigins,
      })
    for (const path of ['/events/x/registrations', '/login', '/api/v2/x', '/api/v1x', '/scan']) {
      expect(page(path), path).toEqual({ ok: false, reason: 'cross_site' })
    }
  })

  it('refuses a POST that names no origin at all', () => {
    expect(post(null, null)).toEqual({ ok: false, reason: 'cross_site' })
    expect(post(null, 'none')).toEqual({ ok: false, reason: 'cross_site' })
  })

  it('accepts `Origin: null` (sent by no-referrer pages) only when Sec-Fetch-Site says same-origin', () => {
    expect(post('null', 'same-origin')).toEqual({ ok: true })
    expect(post('null', 'cross-site')).toEqual({ ok: false, reason: 'cross_site' })
    expect(post('null', null)).toEqual({ ok: false, reason: 'cross_site' })
  })

  it('checks every state-changing method', () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(
        checkOrigin({ method, path: '/events', origin: 'https://evil.example', fetchSite: null, allowedOrigins }).ok,
      ).toBe(false)
    }
  })
})
