import { describe, expect, it } from 'vitest'
import { feedKey, type KeyStroke, NO_KEYS, SCAN_KEY_GAP_MS, SCAN_MIN_LENGTH, scanOf } from '../../app/scanner/scan-keys'

/** Keystrokes of `text` then Enter, `gap` milliseconds apart, from time `start`. */
const typed = (text: string, gap: number, start = 1000): KeyStroke[] =>
  [...text, 'Enter'].map((key, i) => ({ key, at: start + i * gap }))

const CODE = 'K7QX3M9RTW2HZP4NVB8C6YDEFG'

describe('scanOf', () => {
  it('takes a burst of keys a few milliseconds apart, ending in Enter, as a scan', () => {
    expect(scanOf(typed(CODE, 8))).toBe(CODE)
    expect(scanOf(typed(CODE, SCAN_KEY_GAP_MS))).toBe(CODE)
    expect(scanOf(typed('https://example.org/x', 2))).toBe('https://example.org/x')
  })

  it('does not take a person typing (80 ms and more a key) as a scan', () => {
    expect(scanOf(typed('Yamada', 120))).toBeNull()
    expect(scanOf(typed(CODE, SCAN_KEY_GAP_MS + 1))).toBeNull()
  })

  it('does not take an Enter long after a fast burst, nor a short burst, as a scan', () => {
    const late = [...typed(CODE, 5).slice(0, -1), { key: 'Enter', at: 1000 + CODE.length * 5 + 400 }]
    expect(scanOf(late)).toBeNull()
    expect(scanOf(typed('ab'.padEnd(SCAN_MIN_LENGTH - 1, 'c'), 5))).toBeNull()
    expect(scanOf(typed('abcd'.slice(0, SCAN_MIN_LENGTH), 5))).toBe('abcd'.slice(0, SCAN_MIN_LENGTH))
  })

  it('starts afresh after a pause: a person’s letters before a scan are not part of the code', () => {
    const person = typed('Ya', 150).slice(0, -1)
    const scanner = typed(CODE, 6, 5000)
    expect(scanOf([...person, ...scanner])).toBe(CODE)
  })

  it('lets Shift pass (scanners send it for capitals); Backspace or Tab breaks a burst, leaving out what came before', () => {
    const withShift = CODE.split('').flatMap((key, i) => [
      { key: 'Shift', at: 1000 + i * 6 },
      { key, at: 1002 + i * 6 },
    ])
    expect(scanOf([...withShift, { key: 'Enter', at: 1000 + CODE.length * 6 }])).toBe(CODE)
    const broken = typed(CODE, 5)
    broken.splice(10, 0, { key: 'Backspace', at: 1000 + 9 * 5 + 1 })
    expect(scanOf(broken)).toBe(CODE.slice(10))
    expect(scanOf([...typed('ABCD', 5).slice(0, -1), { key: 'Tab', at: 1021 }, { key: 'Enter', at: 1022 }])).toBeNull()
  })

  it('is a reducer: an Enter that ends a scan leaves no keys behind', () => {
    let state = NO_KEYS
    for (const stroke of typed(CODE, 5).slice(0, -1)) state = feedKey(state, stroke).state
    expect(state.text).toBe(CODE)
    const end = feedKey(state, { key: 'Enter', at: 1000 + CODE.length * 5 })
    expect(end).toEqual({ state: NO_KEYS, scan: CODE })
  })
})
