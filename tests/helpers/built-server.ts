/**
 * The real built server for end-to-end tests, started the way users start it
 * (`node app/server/start.js` after a build, no SESSION_SECRET, demo seeding on) against a fresh
 * SQLite file. Shared by the e2e suites.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface BuiltServer {
  origin: string
  /** the server process (e.g. to kill it with SIGKILL in a crash test) */
  child: ChildProcess
  /** everything it printed so far */
  output: () => string
  /** the server's SQLite file (open it read-only to check what was stored) */
  databaseFile: string
  adminEmail: string
  adminPassword: string
  stop: () => Promise<void>
}

/**
 * Runs `node app/server/start.js` from the repository root against a fresh SQLite file and waits
 * for "signet: listening". The demo admin's credentials are read from the boot banner, as a user
 * would copy them. `env` adds settings (e.g. SMTP_URL). cwd is the repository root because, without SESSION_SECRET, the server keeps
 * its generated secret in data/session-secret (gitignored).
 */
export async function startBuiltServer(
  options: { env?: Record<string, string>; databaseFile?: string; port?: number } = {},
): Promise<BuiltServer> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-e2e-'))
  const port = options.port ?? (await freePort())
  const origin = `http://127.0.0.1:${port}`

  // The caller's environment minus everything that would make this run differ from a user's:
  // vitest sets NODE_ENV=test, and a developer may have Signet settings exported in their shell.
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of Object.keys(env)) {
    if (
      /^(VITEST|SMTP_)/.test(key) ||
      ['NODE_ENV', 'SESSION_SECRET', 'SEED_DEMO', 'HOST', 'TRUST_PROXY', 'MAIL_FROM'].includes(key)
    ) {
      delete env[key]
    }
  }
  // A caller's own file outlives the server (a restart after a crash); ours goes with its folder.
  const databaseFile = options.databaseFile ?? join(dir, 'e2e.sqlite')
  // Mail goes to .eml files in the temp folder unless the caller gives an SMTP_URL.
  Object.assign(env, { DATABASE_URL: databaseFile, PORT: String(port), APP_URL: origin, MAIL_DIR: join(dir, 'mail') })
  Object.assign(env, options.env)

  const child = spawn(process.execPath, ['app/server/start.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      // start.js closes the server and database on SIGTERM; don't wait forever if it hangs.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  try {
    await waitForListening(child, () => output, 60_000)
  } catch (error) {
    await stop()
    throw error
  }
  const adminEmail = /│\s+email:\s+(\S+)/.exec(output)?.[1] ?? ''
  const adminPassword = /│\s+password:\s+(\S+)/.exec(output)?.[1] ?? ''
  // A database seeded before (a restart) prints no sign-in; a fresh one must.
  if (!options.databaseFile && (!adminEmail || !adminPassword)) {
    await stop()
    throw new Error(`the server did not print the demo admin's credentials; its output was:\n${output}`)
  }
  return { origin, child, output: () => output, databaseFile, adminEmail, adminPassword, stop }
}

/** Resolves once the child prints "signet: listening"; rejects with its output if it exits or times out first. */
function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (/signet: listening on /.test(output())) finish()
    }, 50)
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(
        new Error(`the server exited (${signal ?? `code ${code}`}) before listening; its output was:\n${output()}`),
      )
    const timer = setTimeout(
      () => finish(new Error(`the server did not listen within ${timeoutMs} ms; its output was:\n${output()}`)),
      timeoutMs,
    )
    function finish(error?: Error) {
      clearInterval(check)
      clearTimeout(timer)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve()
    }
    child.on('exit', onExit)
  })
}

/** A port nobody listens on right now (the OS picks it; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
