/**
 * What the stage crew prepares for a segment, derived from its make-up: pens and signing folders
 * and name cards for a signing (one per party, each folder holding every copy), the table flags of
 * the parties' countries, plaques for an award, copies of an initiative for each body. Pure.
 */
import type { SegmentKind } from './rules'

export type Prop =
  | { code: 'pens'; count: number }
  | { code: 'folders'; count: number; copies: number }
  | { code: 'nameCards'; count: number }
  | { code: 'flags'; countries: string[] }
  | { code: 'plaques'; count: number }
  | { code: 'initiativeCopies'; count: number }

export interface PropFacts {
  kind: SegmentKind
  /** the organizations coming up, in order, with their countries (ISO-2) */
  parties: readonly { country: string }[]
  /** signings: copies of the agreement (each party keeps one); null: one per party */
  copies: number | null
}

/** The flags on a signing table: each party's country once, in seating order. */
export function tableFlags(parties: readonly { country: string }[]): string[] {
  return [...new Set(parties.map((p) => p.country.toUpperCase()))]
}

export function segmentProps(facts: PropFacts): Prop[] {
  const n = facts.parties.length
  if (n === 0) return []
  switch (facts.kind) {
    case 'signing':
      return [
        { code: 'pens', count: n },
        { code: 'folders', count: n, copies: facts.copies ?? n },
        { code: 'nameCards', count: n },
        { code: 'flags', countries: tableFlags(facts.parties) },
      ]
    case 'award':
      return [{ code: 'plaques', count: n }]
    case 'initiative':
      return [{ code: 'initiativeCopies', count: n }]
    default:
      return []
  }
}
