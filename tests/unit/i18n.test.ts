import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../../app/i18n/i18n'
import { findMissingKeys, flattenKeys, lookup, type MessageTree } from '../../app/i18n/messages'
import { resources } from '../../app/i18n/resources'

const locales: Record<string, MessageTree> = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, resources[lng].translation as MessageTree]),
)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

describe('messages', () => {
  it('has every key in zh, en and ja, none empty', () => {
    expect(findMissingKeys(locales)).toEqual({})
  })

  it('fails when a key is missing or empty in one language', () => {
    const ja = structuredClone(locales.ja) as MessageTree
    delete (ja.login as MessageTree).password
    const zh = structuredClone(locales.zh) as MessageTree
    ;(zh.auth as MessageTree).disabled = '  '
    expect(findMissingKeys({ ...locales, ja, zh })).toEqual({ ja: ['login.password'], zh: ['auth.disabled'] })
  })

  it('has a message for every literal key the code asks for', () => {
    const used = new Set<string>()
    for (const file of sourceFiles('app')) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (match[1]) used.add(match[1])
      for (const match of text.matchAll(/'(validation\.[a-zA-Z0-9_]+)'/g)) if (match[1]) used.add(match[1])
    }
    expect(used.size).toBeGreaterThan(20)
    const missing = [...used].filter((key) => LANGUAGES.some((lng) => !lookup(locales[lng] as MessageTree, key)))
    expect(missing).toEqual([])
  })

  it('keeps the interpolation placeholders of English in every language', () => {
    const en = locales.en as MessageTree
    for (const key of flattenKeys(en)) {
      const placeholders = (s: string | undefined) => [...(s ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
      for (const lng of LANGUAGES) {
        expect(placeholders(lookup(locales[lng] as MessageTree, key)), `${lng}:${key}`).toEqual(
          placeholders(lookup(en, key)),
        )
      }
    }
  })
})
