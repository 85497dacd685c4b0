import { describe, expect, it } from 'vitest'
import { isBareBusLabel } from '../../app/sessions/bus-label'

describe('bus labels', () => {
  it('reads a bare number or short code through the language pattern', () => {
    for (const label of ['1', '12', 'A', 'B2', ' 3 ']) expect(isBareBusLabel(label)).toBe(true)
  })

  it('shows a label written in words as written, so 1号车 never becomes 1号车 号车', () => {
    for (const label of ['1号车', '1号車', 'Bus 1', 'VIP bus', '鲁F·12345', ''])
      expect(isBareBusLabel(label)).toBe(false)
  })
})
