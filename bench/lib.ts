/** What the benchmarks share: a free port, waiting for a child server, percentiles, reporting goals. */
import type { ChildProcess } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** A port nobody listens on right now (the OS picks it; the server binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise<void>((done) => server.close(() => done()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Resolves once `url` answers at all (any status); fails if the child exits or 20 s pass. */
export async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`)
    try {
      await fetch(url)
      return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} did not answer within 20 s`)
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

/**
 * One goal of a capability issue, as a benchmark judged it. `npm run bench` (bench/all.ts)
 * gathers every benchmark's goals into one table.
 */
export interface Goal {
  /** the capability issue that set the goal */
  issue: number
  /** what is measured, in a few words */
  what: string
  /** the goal as the issue states it, e.g. "< 50 ms" */
  budget: string
  /** the measured figure, with its unit */
  figure: string
  /** the raw floor measured in the same run, with its unit, where the benchmark has one */
  floor: string | null
  /** figure ÷ floor, where both are times or rates of the same thing */
  ratio: number | null
  met: boolean
  /**
   * false: a figure reported beside the goals, with no goal of its own (e.g. two instances
   * against one on a 2-core machine); printed as "reported", never counted as met or missed
   */
  judged?: boolean
}

/**
 * Prints a PASS/FAIL line per goal, sets a failing exit code if one is not met, and, under
 * bench/all.ts, hands the goals over through the file named by SIGNET_BENCH_RESULTS.
 */
export function report(bench: string, goals: Goal[]): void {
  for (const goal of goals) {
    const floor = goal.floor
      ? `; floor ${goal.floor}, ratio ${goal.ratio === null ? 'n/a' : formatRatio(goal.ratio)}`
      : ''
    const verdict = goal.judged === false ? 'INFO' : goal.met ? 'PASS' : 'FAIL'
    console.log(`${verdict}: ${goal.what} ${goal.figure} (goal ${goal.budget}${floor})`)
  }
  if (goals.some((goal) => goal.judged !== false && !goal.met)) process.exitCode = 1
  const file = process.env.SIGNET_BENCH_RESULTS
  if (file) appendFileSync(file, `${goals.map((goal) => JSON.stringify({ bench, ...goal })).join('\n')}\n`)
}

/** A ratio as the tables print it: two decimals below 10 (where 0.86 and 0.94 fall on either side of a goal), one above. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(ratio < 10 ? 2 : 1)}×`
}

/** The redeem goals of issue 17, for every database and number of instances: judged by ratio to the floor of the same run. */
export const REDEEM_GOAL = { throughputShare: 0.9, p99Ratio: 1.25 }

/**
 * The two redeem goals (throughput at 64 connections, p99 at 8) as ratios to the floor measured
 * in the same run, with the absolute figures beside them: the floor carries the machine's disk
 * and load, so the ratio is what says whether Signet's own path costs too much.
 */
export function redeemGoals(spec: {
  issue: number
  /** e.g. "redeem, PostgreSQL, one instance" */
  what: string
  floorName: string
  app: { throughput: number; p99: number }
  floor: { throughput: number; p99: number }
}): Goal[] {
  const share = spec.app.throughput / spec.floor.throughput
  return [
    {
      issue: spec.issue,
      what: `${spec.what}: throughput at 64 connections`,
      budget: `≥ ${REDEEM_GOAL.throughputShare * 100} % of the floor`,
      figure: `${Math.round(spec.app.throughput)} req/s (${(share * 100).toFixed(0)} %)`,
      floor: `${spec.floorName} ${Math.round(spec.floor.throughput)} req/s`,
      ratio: share,
      met: share >= REDEEM_GOAL.throughputShare,
    },
    {
      issue: spec.issue,
      what: `${spec.what}: p99 at 8 connections`,
      budget: `≤ ${REDEEM_GOAL.p99Ratio} × the floor's p99`,
      figure: `${spec.app.p99} ms`,
      floor: `${spec.floorName} p99 ${spec.floor.p99} ms`,
      ratio: spec.app.p99 / Math.max(spec.floor.p99, 1),
      met: spec.app.p99 <= REDEEM_GOAL.p99Ratio * Math.max(spec.floor.p99, 1),
    },
  ]
}
