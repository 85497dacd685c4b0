import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Booking,
  checkPlan,
  type PlanContext,
  type PlanSegment,
  plannedTimes,
  proposeSchedule,
  segmentIssues,
} from '../../app/run-of-show/rules'

const START = Date.parse('2030-05-20T01:00:00.000Z') // 09:00 in Yantai
const MIN = 60_000
const context = (overrides: Partial<PlanContext> = {}): PlanContext => ({
  sessionStart: START,
  sessionEnd: START + 90 * MIN,
  bookings: [],
  registered: null,
  mustRegister: new Set(),
  tableSeats: null,
  ...overrides,
})
const speech = (id: string, minutes: number, people: string[]): PlanSegment => ({ id, kind: 'speech', minutes, people })
const signing = (id: string, parties: [string, string | null][], witnesses: string[] = []): PlanSegment => ({
  id,
  kind: 'signing',
  minutes: 12,
  people: [...parties.flatMap(([, s]) => (s ? [s] : [])), ...witnesses],
  parties: parties.map(([organizationId, signatoryId]) => ({ organizationId, signatoryId })),
})

describe('plannedTimes', () => {
  it('places the segments one after the other from the session start', () => {
    const times = plannedTimes(START, [speech('a', 10, []), speech('b', 8, []), speech('c', 15, [])])
    expect(times.map((t) => [(t.start - START) / MIN, (t.end - START) / MIN])).toEqual([
      [0, 10],
      [10, 18],
      [18, 33],
    ])
  })
})

describe('checkPlan: errors', () => {
  it('finds a person on stage in another session at the same time, naming the other stage', () => {
    const bookings: Booking[] = [
      { personId: 'p-mayor', start: START + 5 * MIN, end: START + 20 * MIN, label: 'Seminar: address' },
    ]
    expect(checkPlan([speech('a', 10, ['p-mayor'])], context({ bookings }))).toContainEqual({
      level: 'error',
      code: 'double_booked',
      segmentId: 'a',
      personId: 'p-mayor',
      other: 'Seminar: address',
    })
    // The same person right after the other stage is fine.
    const later = [speech('gap', 20, []), speech('a', 10, ['p-mayor'])]
    expect(checkPlan(later, context({ bookings })).filter((i) => i.code === 'double_booked')).toEqual([])
  })

  it('refuses a signing with fewer than two parties, or a party without a signatory', () => {
    expect(segmentIssues(signing('s', [['org-a', 'p1']]))).toContainEqual({
      level: 'error',
      code: 'too_few_parties',
      segmentId: 's',
    })
    expect(
      segmentIssues(
        signing('s', [
          ['org-a', 'p1'],
          ['org-b', null],
        ]),
      ),
    ).toContainEqual({
      level: 'error',
      code: 'missing_signatory',
      segmentId: 's',
      organizationId: 'org-b',
    })
  })

  it('refuses the same person signing for two parties, and an organization listed twice', () => {
    const twice = segmentIssues(
      signing('s', [
        ['org-a', 'p1'],
        ['org-b', 'p1'],
        ['org-a', 'p2'],
      ]),
    )
    expect(twice).toContainEqual({ level: 'error', code: 'signs_twice', segmentId: 's', personId: 'p1' })
    expect(twice).toContainEqual({
      level: 'error',
      code: 'organization_twice',
      segmentId: 's',
      organizationId: 'org-a',
    })
    const award: PlanSegment = { id: 'aw', kind: 'award', minutes: 15, people: [], organizations: ['x', 'y', 'x'] }
    expect(segmentIssues(award)).toEqual([
      { level: 'error', code: 'organization_twice', segmentId: 'aw', organizationId: 'x' },
    ])
  })

  it('refuses a duration of zero or less', () => {
    expect(segmentIssues(speech('a', 0, []))).toEqual([{ level: 'error', code: 'invalid_duration', segmentId: 'a' }])
    expect(segmentIssues(speech('a', -5, []))).toEqual([{ level: 'error', code: 'invalid_duration', segmentId: 'a' }])
  })
})

describe('checkPlan: warnings', () => {
  it('warns of a signatory not registered for the session, but not of an official who need not be', () => {
    const plan = [
      signing(
        's',
        [
          ['org-a', 'p1'],
          ['org-b', 'p2'],
        ],
        ['p-mayor'],
      ),
    ]
    const issues = checkPlan(plan, context({ registered: new Set(['p1']), mustRegister: new Set(['p1', 'p2']) }))
    expect(issues).toEqual([
      { level: 'warning', code: 'not_registered', segmentId: 's', personId: 'p2', why: 'no_seat' },
    ])
  })

  it('says why a signatory holds no place: declined, cancelled, never answered, pending or waiting', () => {
    const plan = [
      signing(
        's',
        [
          ['org-a', 'p1'],
          ['org-b', 'p2'],
          ['org-c', 'p3'],
        ],
        [],
      ),
    ]
    const absence = new Map([
      ['p1', 'declined'],
      ['p2', 'no_answer'],
      ['p3', 'waitlisted'],
    ] as const)
    const issues = checkPlan(
      plan,
      context({ registered: new Set(), mustRegister: new Set(['p1', 'p2', 'p3']), absence }),
    ).filter((i) => i.code === 'not_registered')
    expect(issues.map((i) => ('why' in i ? [i.personId, i.why] : null))).toEqual([
      ['p1', 'declined'],
      ['p2', 'no_answer'],
      ['p3', 'waitlisted'],
    ])
  })

  it('warns of segments that overrun the session, saying by how much', () => {
    const plan = [speech('a', 60, []), speech('b', 45, [])]
    expect(checkPlan(plan, context())).toEqual([{ level: 'warning', code: 'overrun', segmentId: 'b', minutes: 15 }])
  })

  it('warns of more parties than the table seats', () => {
    const six = signing(
      's',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((o, n) => [o, `p${n}`]),
    )
    expect(checkPlan([six], context({ tableSeats: 5 }))).toEqual([
      { level: 'warning', code: 'table_too_small', segmentId: 's', parties: 6, seats: 5 },
    ])
  })

  it('lists errors before warnings', () => {
    const plan = [speech('a', 100, []), signing('s', [['org-a', 'p1']])]
    expect(checkPlan(plan, context()).map((i) => i.level)).toEqual(['error', 'warning', 'warning'])
  })
})

describe('proposeSchedule', () => {
  const rank = new Map([
    ['p-mayor', 1],
    ['p-vice', 2],
    ['p-director', 3],
  ])

  it('keeps protocol order when nothing clashes: the highest-ranking official first', () => {
    const plan = [
      speech('director', 5, ['p-director']),
      speech('mayor', 10, ['p-mayor']),
      speech('vice', 8, ['p-vice']),
    ]
    const result = proposeSchedule(plan, context(), rank)
    expect(result.ok && result.order.map((t) => t.segment.id)).toEqual(['mayor', 'vice', 'director'])
  })

  it('moves a segment later when its person is on another stage first, and gives the times', () => {
    const bookings: Booking[] = [{ personId: 'p-mayor', start: START, end: START + 15 * MIN, label: 'Forum' }]
    const plan = [
      speech('mayor', 10, ['p-mayor']),
      speech('vice', 8, ['p-vice']),
      speech('director', 8, ['p-director']),
    ]
    const result = proposeSchedule(plan, context({ bookings }), rank)
    if (!result.ok) throw new Error(result.reason)
    expect(result.order.map((t) => [t.segment.id, (t.start - START) / MIN])).toEqual([
      ['vice', 0],
      ['director', 8],
      ['mayor', 16],
    ])
  })

  it('says why when no order works, naming the person', () => {
    const bookings: Booking[] = [{ personId: 'p-mayor', start: START, end: START + 60 * MIN, label: 'Forum' }]
    expect(proposeSchedule([speech('mayor', 10, ['p-mayor'])], context({ bookings }), rank)).toEqual({
      ok: false,
      reason: 'no_order',
      personId: 'p-mayor',
      segmentId: 'mayor',
    })
  })

  it('refuses at once a signing without a signatory: no order can fix it', () => {
    const result = proposeSchedule(
      [
        signing('s', [
          ['org-a', 'p1'],
          ['org-b', null],
        ]),
      ],
      context(),
      rank,
    )
    expect(result).toEqual({ ok: false, reason: 'segment_invalid', segmentId: 's', issue: 'missing_signatory' })
  })
})

// Property-based: random small plans, people and bookings elsewhere.
const people = ['p0', 'p1', 'p2', 'p3', 'p4']
const segmentArb = (id: string) =>
  fc
    .oneof(
      fc.record({
        kind: fc.constant('speech' as const),
        minutes: fc.integer({ min: 1, max: 20 }),
        people: fc.uniqueArray(fc.constantFrom(...people), { maxLength: 2 }),
      }),
      fc.record({
        kind: fc.constant('signing' as const),
        minutes: fc.integer({ min: 1, max: 20 }),
        signers: fc.uniqueArray(fc.constantFrom(...people), { minLength: 2, maxLength: 3 }),
        missing: fc.boolean(),
      }),
    )
    .map((s): PlanSegment => {
      if (s.kind === 'speech') return { id, kind: 'speech', minutes: s.minutes, people: s.people }
      const parties = s.signers.map((signatoryId, n) => ({
        organizationId: `${id}-org${n}`,
        signatoryId: s.missing && n === 0 ? null : signatoryId,
      }))
      return {
        id,
        kind: 'signing',
        minutes: s.minutes,
        people: parties.flatMap((p) => (p.signatoryId ? [p.signatoryId] : [])),
        parties,
      }
    })
const planArb = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => segmentArb(`s${i}`))))
const bookingsArb = fc.array(
  fc
    .record({
      personId: fc.constantFrom(...people),
      from: fc.integer({ min: 0, max: 60 }),
      length: fc.integer({ min: 1, max: 30 }),
    })
    .map(
      (b): Booking => ({
        personId: b.personId,
        start: START + b.from * MIN,
        end: START + (b.from + b.length) * MIN,
        label: 'elsewhere',
      }),
    ),
  { maxLength: 4 },
)
const rankArb = fc
  .uniqueArray(fc.constantFrom(...people), { maxLength: 5 })
  .map((ranked) => new Map(ranked.map((p, i) => [p, i])))

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()]
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  )
}

describe('proposeSchedule, for any small plan', () => {
  it('never returns a plan with a double-booked person or a signing without a signatory', () => {
    fc.assert(
      fc.property(planArb, bookingsArb, rankArb, (plan, bookings, rank) => {
        const result = proposeSchedule(plan, { sessionStart: START, bookings }, rank)
        if (!result.ok) return
        const order = result.order.map((t) => t.segment)
        expect(new Set(order.map((s) => s.id)).size).toBe(plan.length)
        const issues = checkPlan(order, {
          sessionStart: START,
          sessionEnd: Number.POSITIVE_INFINITY,
          bookings,
          registered: null,
          mustRegister: new Set(),
          tableSeats: null,
        })
        expect(issues.filter((i) => i.code === 'double_booked' || i.code === 'missing_signatory')).toEqual([])
      }),
      { numRuns: 500 },
    )
  })

  it('reports "impossible" exactly when a brute-force search over every order finds none', () => {
    fc.assert(
      fc.property(planArb, bookingsArb, rankArb, (plan, bookings, rank) => {
        const result = proposeSchedule(plan, { sessionStart: START, bookings }, rank)
        const valid = (order: PlanSegment[]) =>
          checkPlan(order, {
            sessionStart: START,
            sessionEnd: Number.POSITIVE_INFINITY,
            bookings,
            registered: null,
            mustRegister: new Set(),
            tableSeats: null,
          }).every((i) => i.level !== 'error')
        const anyValid = permutations(plan).some(valid)
        expect(result.ok).toBe(anyValid)
      }),
      { numRuns: 500 },
    )
  })
})
