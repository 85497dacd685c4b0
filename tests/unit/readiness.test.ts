/**
 * The readiness board's rule and the stage crew's props (issue 6): a segment turns red when it
 * starts within 15 minutes and someone it needs is missing; props follow from the make-up.
 */
import { describe, expect, it } from 'vitest'
import { segmentProps, tableFlags } from '../../app/run-of-show/props'
import { ALERT_WINDOW_MS, boardReadiness, segmentReadiness } from '../../app/run-of-show/readiness'

const MIN = 60_000
const start = Date.UTC(2030, 4, 20, 2, 45)
const segment = { id: 's', start, end: start + 12 * MIN, needed: ['mayor', 'sato', 'li'] }

describe('readiness', () => {
  it('is ready when everyone needed has arrived, whenever it is', () => {
    const all = new Set(['mayor', 'sato', 'li'])
    expect(segmentReadiness(segment, all, start - 60 * MIN)).toEqual({
      id: 's',
      state: 'ready',
      missing: [],
      unassigned: [],
    })
    expect(segmentReadiness(segment, all, start + MIN).state).toBe('ready')
  })
  it('waits quietly for missing people more than 15 minutes ahead', () => {
    const result = segmentReadiness(segment, new Set(['mayor']), start - ALERT_WINDOW_MS - 1)
    expect(result).toEqual({ id: 's', state: 'waiting', missing: ['sato', 'li'], unassigned: [] })
  })
  it('turns red from 15 minutes before the start while someone is missing, and during the segment', () => {
    expect(segmentReadiness(segment, new Set(['mayor']), start - ALERT_WINDOW_MS).state).toBe('alert')
    expect(segmentReadiness(segment, new Set(), start + 5 * MIN).state).toBe('alert')
  })
  it('is never ready while a party has nobody chosen for it, even with everyone else there', () => {
    const open = { ...segment, needed: ['mayor'], unassigned: ['party-b'] }
    const mayor = new Set(['mayor'])
    expect(segmentReadiness(open, mayor, start - 60 * MIN)).toEqual({
      id: 's',
      state: 'waiting',
      missing: [],
      unassigned: ['party-b'],
    })
    expect(segmentReadiness(open, mayor, start - ALERT_WINDOW_MS).state).toBe('alert')
    expect(segmentReadiness({ ...open, needed: [] }, new Set(), start).state).toBe('alert')
    expect(segmentReadiness(open, mayor, start + 12 * MIN).state).toBe('ended')
  })
  it('is over once the segment has ended, whoever came', () => {
    expect(segmentReadiness(segment, new Set(), start + 12 * MIN).state).toBe('ended')
  })
  it('counts a person needed twice once, and reads every segment of a board', () => {
    const twice = { ...segment, needed: ['sato', 'sato'] }
    expect(segmentReadiness(twice, new Set(), start).missing).toEqual(['sato'])
    expect(
      boardReadiness([segment, { ...segment, id: 't', needed: [] }], new Set(), start).map((r) => r.state),
    ).toEqual(['alert', 'ready'])
  })
})

describe('props', () => {
  const parties = [{ country: 'CN' }, { country: 'jp' }, { country: 'CN' }]
  it('puts a pen, a folder with every copy and a name card per party, and each country’s flag once, for a signing', () => {
    expect(segmentProps({ kind: 'signing', parties, copies: null })).toEqual([
      { code: 'pens', count: 3 },
      { code: 'folders', count: 3, copies: 3 },
      { code: 'nameCards', count: 3 },
      { code: 'flags', countries: ['CN', 'JP'] },
    ])
    expect(tableFlags(parties)).toEqual(['CN', 'JP'])
  })
  it('prepares a plaque per recipient, a copy per initiative body, nothing for a speech', () => {
    expect(segmentProps({ kind: 'award', parties, copies: null })).toEqual([{ code: 'plaques', count: 3 }])
    expect(segmentProps({ kind: 'initiative', parties, copies: null })).toEqual([
      { code: 'initiativeCopies', count: 3 },
    ])
    expect(segmentProps({ kind: 'speech', parties: [], copies: null })).toEqual([])
  })
})
