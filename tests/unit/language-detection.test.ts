/**
 * Which language a request is answered in (ADR 0004): ?lng=, then the remembered cookie, then the
 * browser's Accept-Language by quality, then English. Our own rules since remix-i18next 8 stopped
 * exporting its detector.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectLanguageOf, LANGUAGES, languageOfAcceptLanguage, languageOfTag } from '../../app/i18n/languages'

describe('languageOfTag', () => {
  it('reads the primary subtag of a BCP 47 tag, in any case', () => {
    expect(languageOfTag('ja')).toBe('ja')
    expect(languageOfTag('ja-JP')).toBe('ja')
    expect(languageOfTag('zh-Hans-CN')).toBe('zh')
    expect(languageOfTag('zh_TW')).toBe('zh')
    expect(languageOfTag(' EN-gb ')).toBe('en')
  })

  it('names none of ours for other languages and for nothing', () => {
    for (const tag of ['fr', 'de-DE', 'jav', 'english', '', '*', null, undefined]) expect(languageOfTag(tag)).toBeNull()
  })
})

describe('languageOfAcceptLanguage', () => {
  it('takes the first of ours a browser asks for, by quality', () => {
    expect(languageOfAcceptLanguage('ja-JP,ja;q=0.9')).toBe('ja')
    expect(languageOfAcceptLanguage('fr-FR,fr;q=0.9,ja;q=0.8,en;q=0.5')).toBe('ja')
    expect(languageOfAcceptLanguage('en;q=0.4, zh-CN;q=0.9')).toBe('zh')
    expect(languageOfAcceptLanguage('zh;q=0.5,ja;q=0.5')).toBe('zh')
  })

  it('passes over languages refused with q=0, wildcards and nonsense', () => {
    expect(languageOfAcceptLanguage('ja;q=0,en;q=0.1')).toBe('en')
    expect(languageOfAcceptLanguage('*')).toBeNull()
    expect(languageOfAcceptLanguage('fr, de;q=0.5')).toBeNull()
    expect(languageOfAcceptLanguage(';;;,q=,ja;q=x')).toBeNull()
    expect(languageOfAcceptLanguage('')).toBeNull()
    expect(languageOfAcceptLanguage(null)).toBeNull()
  })

  it('never throws and always answers one of ours or nothing, whatever the header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        const language = languageOfAcceptLanguage(header)
        expect(language === null || LANGUAGES.includes(language)).toBe(true)
      }),
    )
  })
})

describe('detectLanguageOf', () => {
  const none = { query: null, cookie: undefined, acceptLanguage: null }

  it('prefers ?lng= over the cookie, the cookie over the browser, and falls back to English', () => {
    expect(detectLanguageOf({ query: 'zh', cookie: 'ja', acceptLanguage: 'en' })).toBe('zh')
    expect(detectLanguageOf({ query: null, cookie: 'ja', acceptLanguage: 'zh' })).toBe('ja')
    expect(detectLanguageOf({ ...none, acceptLanguage: 'zh-CN,zh;q=0.9' })).toBe('zh')
    expect(detectLanguageOf(none)).toBe('en')
  })

  it('passes over a source that names none of ours', () => {
    expect(detectLanguageOf({ query: 'fr', cookie: 'ja', acceptLanguage: null })).toBe('ja')
    expect(detectLanguageOf({ query: null, cookie: { lng: 'ja' }, acceptLanguage: 'ja' })).toBe('ja')
    expect(detectLanguageOf({ query: 'xx', cookie: 'yy', acceptLanguage: 'de' })).toBe('en')
  })
})
