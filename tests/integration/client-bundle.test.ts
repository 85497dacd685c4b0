/**
 * What phones download: no chunk of the client build may drag server-side libraries (the
 * spreadsheet readers, mail rendering, the database) into delegates' or door staff's browsers.
 * Once, the registration form imported a constant from the import module and shipped exceljs to
 * every delegate: 280 kB gzipped.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { resources } from '../../app/i18n/resources'
import { testDialect } from '../helpers/db'

const ASSETS = join('build', 'client', 'assets')

// The build is the same for both dialects: check it once.
describe.skipIf(testDialect !== 'sqlite')('the client build', () => {
  const chunks = readdirSync(ASSETS)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: f, text: readFileSync(join(ASSETS, f), 'utf8') }))

  it('has no server-only library in any chunk', () => {
    for (const { file, text } of chunks) {
      for (const marker of ['exceljs', 'fast-csv', 'nodemailer', 'better-sqlite3', 'kysely']) {
        expect(text.includes(marker), `${file} contains ${marker}`).toBe(false)
      }
    }
  })

  it('keeps the standalone scanner (all its JavaScript, the .wasm apart) under 100 kB gzipped, without i18next', () => {
    const dir = join('build', 'client', 'scanner')
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'))
    expect(files.some((f) => f.startsWith('main-'))).toBe(true)
    let total = 0
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8')
      expect(text.includes('i18next'), `${file} contains i18next`).toBe(false)
      total += gzipSync(text).length
    }
    expect(total).toBeLessThan(100 * 1024)
  })

  // A page downloads the reader's language only (ADR 0004): each language's messages are a chunk
  // of their own, and no other chunk carries any of them.
  it('puts each language’s messages in a chunk of its own, and in no other chunk', () => {
    const marks = {
      zh: resources.zh.translation.app.tagline,
      en: resources.en.translation.app.tagline,
      ja: resources.ja.translation.app.tagline,
    }
    for (const [lng, mark] of Object.entries(marks)) {
      const holders = chunks.filter((c) => c.text.includes(mark)).map((c) => c.file)
      expect(holders, lng).toHaveLength(1)
      expect(holders[0], lng).toMatch(new RegExp(`^${lng}-`))
      expect(
        Object.values(marks).filter((m) => m !== mark && chunks.find((c) => c.file === holders[0])?.text.includes(m)),
        lng,
      ).toEqual([])
    }
  })

  it('keeps every route chunk under 60 kB gzipped (framework and shared chunks apart)', () => {
    const shared = /^(entry\.client|chunk-|i18n|context|schemas|jsx-runtime|ponyfill|zh-|en-|ja-)/
    for (const { file, text } of chunks) {
      if (shared.test(file)) continue
      expect(gzipSync(text).length, file).toBeLessThan(60 * 1024)
    }
  })
})
