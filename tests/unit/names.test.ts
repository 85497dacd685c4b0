import { describe, expect, it } from 'vitest'
import { displayName, nativeName, secondaryName } from '../../app/people/names'

const sato = { familyName: '佐藤', givenName: '健一', latinName: 'SATO Kenichi', kana: 'さとう けんいち' }
const wang = { familyName: '王', givenName: '芳', latinName: 'WANG Fang' }
const john = { familyName: '', givenName: '', latinName: 'John Smith' }
const johnInFields = { familyName: 'Smith', givenName: 'John', latinName: 'John Smith' }

describe('names in each culture’s order', () => {
  it('puts Chinese and Japanese family names first', () => {
    expect(nativeName(wang, 'zh')).toBe('王芳')
    expect(nativeName(sato, 'ja')).toBe('佐藤 健一')
  })
  it('shows a Latin name as the person wrote it', () => {
    expect(displayName(sato, 'en')).toBe('SATO Kenichi')
    expect(displayName(john, 'en')).toBe('John Smith')
  })
  it('greets a person with a Latin name only by it, in every language', () => {
    for (const lng of ['zh', 'en', 'ja'] as const) expect(displayName(john, lng)).toBe('John Smith')
    expect(secondaryName(john, 'zh')).toBe('')
  })
  it('never runs a Western name kept in the family/given fields together: given name first, with a space', () => {
    for (const lng of ['zh', 'ja'] as const) expect(displayName(johnInFields, lng)).toBe('John Smith')
  })
  it('shows the kana and the Latin name under a Japanese name, in Japanese', () => {
    expect(secondaryName(sato, 'ja')).toBe('さとう けんいち · SATO Kenichi')
  })
})
