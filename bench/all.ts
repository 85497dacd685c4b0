/**
 * `npm run bench`: every benchmark in turn, each in its own process (after `npm run build`),
 * then one table of every goal they judged: the figure, the raw floor measured in the same run
 * and the ratio between them. A benchmark that fails or crashes does not stop the others; the
 * command exits with 1 if any goal is not met or any benchmark did not finish.
 *
 * `npm run bench -- checkin scale` runs only the benchmarks named.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { formatRatio, type Goal } from './lib'

const BENCHES = [
  { name: 'page', file: 'bench/run.ts', about: 'public event page vs a static file (issue 3)' },
  { name: 'import', file: 'bench/import.ts', about: 'delegate import, 10,000 rows (issue 4)' },
  { name: 'registration', file: 'bench/registration.ts', about: 'registration burst, 500 clients (issue 4)' },
  {
    name: 'registration-pg',
    file: 'bench/registration-pg.ts',
    about: 'registration burst on PostgreSQL, one and two instances (issue 17)',
  },
  { name: 'invitations', file: 'bench/invitations.ts', about: 'invitation mails, 10,000 (issue 4)' },
  { name: 'checkin', file: 'bench/checkin.ts', about: 'door check-in: redeem, scan-to-verdict, size (issue 5)' },
  {
    name: 'checkin-pg',
    file: 'bench/checkin-pg.ts',
    about: 'door redeem on PostgreSQL, one and two instances (issue 17)',
  },
  {
    name: 'tally-lock-pg',
    file: 'bench/tally-lock-pg.ts',
    about: "what the attendance counts' per-event lock costs on PostgreSQL (issue 17)",
  },
  { name: 'scale', file: 'bench/scale.ts', about: '1,000 to 100,000 attendees (issue 7)' },
  { name: 'lists', file: 'bench/lists.ts', about: 'organizer lists at 5,000 and 50,000 invitees (issue 19)' },
] as const

type Row = Goal & { bench: string }

function machine(): string {
  const cpu = cpus()
  return [
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}`,
    `${Math.round(totalmem() / 1024 ** 3)} GiB`,
    `Node ${process.version}`,
    `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  ].join(', ')
}

function table(rows: Row[]): string {
  const header = ['issue', 'goal', 'budget', 'figure', 'raw floor, same run', 'ratio', 'met']
  const cells = rows.map((r) => [
    String(r.issue),
    r.what,
    r.budget,
    r.figure,
    r.floor ?? '—',
    r.ratio === null ? '—' : formatRatio(r.ratio),
    r.judged === false ? 'reported' : r.met ? 'met' : '**NOT MET**',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n')
}

function main(): void {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w))
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${BENCHES.map((b) => b.name).join(', ')})`)
    process.exit(2)
  }
  const chosen = BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name))
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-all-'))
  const results = join(dir, 'goals.jsonl')
  const startedOn = machine()
  const started = new Date()
  const unfinished: string[] = []
  try {
    for (const bench of chosen) {
      console.log(`\n=== ${bench.name}: ${bench.about}`)
      const run = spawnSync(process.execPath, ['--import', 'tsx', bench.file], {
        stdio: 'inherit',
        env: { ...process.env, SIGNET_BENCH_RESULTS: results },
      })
      if (run.status !== 0 && run.status !== 1) unfinished.push(`${bench.name} (exit ${run.status ?? run.signal})`)
    }
    let rows: Row[] = []
    try {
      rows = readFileSync(results, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Row)
    } catch {
      // no benchmark reported anything
    }
    for (const bench of chosen) {
      if (!rows.some((r) => r.bench === bench.name) && !unfinished.some((u) => u.startsWith(bench.name)))
        unfinished.push(`${bench.name} (reported no goal)`)
    }
    const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1)
    console.log(`\n=== every goal, ${started.toISOString().slice(0, 10)}, ${minutes} min`)
    console.log(`machine at start: ${startedOn}`)
    console.log(`machine at end:   ${machine()}\n`)
    console.log(table(rows))
    const judged = rows.filter((r) => r.judged !== false)
    const missed = judged.filter((r) => !r.met).length
    const reported = rows.length - judged.length
    console.log(
      `\n${judged.length - missed} of ${judged.length} goals met` +
        (reported > 0 ? ` (and ${reported} figures reported without a goal)` : '') +
        (unfinished.length > 0 ? `; did not finish: ${unfinished.join(', ')}` : ''),
    )
    if (missed > 0 || unfinished.length > 0) process.exitCode = 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
