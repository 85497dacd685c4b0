/**
 * On the day: who each segment needs and whether they have arrived (checked in at the session's
 * door). A segment turns red ("alert") when it starts within 15 minutes, has not ended, and someone
 * it needs is missing, or a party on it still has nobody chosen to sign, receive or represent it
 * (nobody to wait for is not the same as ready). Pure; the board recomputes it on every door scan
 * and every half minute.
 */

export const ALERT_WINDOW_MS = 15 * 60_000

export type ReadinessState = 'ready' | 'waiting' | 'alert' | 'ended'

export interface ReadinessSegment {
  id: string
  start: number
  end: number
  /** everyone the segment needs on stage, in stage order */
  needed: readonly string[]
  /** the parties (signing, award, initiative) with nobody chosen for them yet */
  unassigned?: readonly string[]
}

export interface SegmentReadiness {
  id: string
  state: ReadinessState
  missing: string[]
  unassigned: string[]
}

export function segmentReadiness(
  segment: ReadinessSegment,
  arrived: ReadonlySet<string>,
  now: number,
): SegmentReadiness {
  const missing = [...new Set(segment.needed)].filter((person) => !arrived.has(person))
  const unassigned = [...(segment.unassigned ?? [])]
  const result = (state: ReadinessState) => ({ id: segment.id, state, missing, unassigned })
  if (now >= segment.end) return result('ended')
  if (missing.length === 0 && unassigned.length === 0) return result('ready')
  const startsSoon = segment.start - now <= ALERT_WINDOW_MS
  return result(startsSoon ? 'alert' : 'waiting')
}

export function boardReadiness(
  segments: readonly ReadinessSegment[],
  arrived: ReadonlySet<string>,
  now: number,
): SegmentReadiness[] {
  return segments.map((segment) => segmentReadiness(segment, arrived, now))
}
