import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../../app/auth/login.server'
import { createTestDatabase, type TestDatabase } from '../helpers/db'

const run = promisify(execFile)
let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.destroy()
})

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['app/cli/cli.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: t.url, SESSION_SECRET: 'x'.repeat(40) },
      timeout: 30_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('operator CLI', () => {
  it('creates an admin with a generated password that signs in, lists and disables it', async () => {
    const created = await cli('user:create', '--email', 'ops@example.org', '--name', '运营 Ops', '--admin')
    expect(created.code).toBe(0)
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1]
    expect(password?.length).toBeGreaterThanOrEqual(22)

    const signIn = await login(t.db, { email: 'ops@example.org', password: password ?? '', ip: null, userAgent: null })
    expect(signIn.ok).toBe(true)

    const listed = await cli('user:list')
    expect(listed.stdout).toMatch(/ops@example\.org\t运营 Ops\tadmin\tactive/)

    const disabled = await cli('user:disable', '--email', 'ops@example.org')
    expect(disabled.stdout).toContain('ended 1 session(s)')
    expect((await cli('user:list')).stdout).toMatch(/ops@example\.org\t.*\tdisabled /)
  })

  it('refuses a duplicate email, a bad email and an unknown command, changing nothing', async () => {
    expect((await cli('user:create', '--email', 'ops@example.org', '--name', 'Again')).stderr).toContain(
      'already exists',
    )
    const bad = await cli('user:create', '--email', 'not-an-email', '--name', 'X')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--email: Enter a valid email address')
    expect((await cli('user:delete')).code).toBe(2)
    const users = await t.db.selectFrom('users').select('email').execute()
    expect(users.map((u) => u.email)).toEqual(['ops@example.org'])
  })
})
