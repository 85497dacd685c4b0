import { describe, expect, it } from 'vitest'
import en from '../../app/i18n/locales/en'
import ja from '../../app/i18n/locales/ja'
import zh from '../../app/i18n/locales/zh'
import { lookup } from '../../app/i18n/messages'
import { DIETS, INTERPRETATION_LANGUAGES } from '../../app/registration/registration-form'
import { noteValue } from '../../app/scanner/ui/notes'

const t = (messages: typeof en) => (key: string) => lookup(messages, key) ?? `MISSING ${key}`

describe('the notes on a door verdict', () => {
  it('names the interpretation language and the diet in words, not codes or form instructions', () => {
    expect(noteValue({ kind: 'interpretation', value: 'ja' }, t(en))).toBe('Japanese')
    expect(noteValue({ kind: 'interpretation', value: 'ja' }, t(zh))).toBe('日语')
    expect(noteValue({ kind: 'diet', value: 'halal' }, t(ja))).toBe('ハラール')
    expect(noteValue({ kind: 'diet', value: 'other' }, t(en))).toBe('Special (see allergies)')
  })
  it('keeps what the delegate typed as they typed it', () => {
    expect(noteValue({ kind: 'allergies', value: 'Peanuts' }, t(en))).toBe('Peanuts')
  })
  it('has a word for every diet and every interpretation language, in every language', () => {
    for (const messages of [en, zh, ja]) {
      for (const diet of DIETS) expect(noteValue({ kind: 'diet', value: diet }, t(messages))).not.toMatch(/MISSING/)
      for (const lng of INTERPRETATION_LANGUAGES.filter(Boolean))
        expect(noteValue({ kind: 'interpretation', value: lng }, t(messages))).not.toMatch(/MISSING/)
    }
  })
})
