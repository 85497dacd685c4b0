import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_ADMIN_EMAIL } from '../../app/demo/demo-seed.server'
import { addDays, localDateOf } from '../../app/i18n/format'
import { countRows, createTestDatabase, testDialect } from '../helpers/db'
import { signedIn } from '../helpers/fixtures'
import { TEST_SECRET } from '../helpers/registration'
import { loadServerBuild, startTestServer, type TestServer } from '../helpers/server'

const run = promisify(execFile)
const servers: TestServer[] = []
afterAll(async () => {
  for (const server of servers) await server.close()
})

const count = (server: TestServer, table: 'organizations' | 'people' | 'events' | 'event_hosts' | 'users') =>
  countRows(server.db, table)

describe('first start', () => {
  it('seeds the demo event on an empty database and prints the admin sign-in once', async () => {
    const server = await startTestServer({ SEED_DEMO: '1' })
    servers.push(server)
    const output = server.log.join('\n')
    expect(output).toContain(`email:    ${DEMO_ADMIN_EMAIL}`)
    const password = /password: (\S+)/.exec(output)?.[1]
    expect(password).toBeDefined()

    expect(await count(server, 'organizations')).toBe(29)
    // 17 people of the article's event, and 13 who represent the other organizations on stage (issue 6).
    expect(await count(server, 'people')).toBe(30)
    expect(await count(server, 'event_hosts')).toBe(7)
    const event = await server.db.selectFrom('events').selectAll().executeTakeFirstOrThrow()
    expect(event).toMatchObject({
      slug: 'yantai-japan-2024',
      timezone: 'Asia/Shanghai',
      title_zh: '2024日本企业“烟台行”活动',
      title_en: '2024 Japanese Enterprises Yantai Tour',
      title_ja: '2024日本企業「煙台行」ビジネスツアー',
      status: 'published',
      registration_mode: 'invite_only',
    })
    const today = localDateOf(new Date(), 'Asia/Shanghai')
    expect(event.starts_on).toBe(addDays(today, 30))
    expect(event.ends_on).toBe(addDays(today, 32))

    const sato = await server.db
      .selectFrom('people')
      .selectAll()
      .where('key', '=', 'p-panasonic')
      .executeTakeFirstOrThrow()
    expect(sato).toMatchObject({
      family_name: '佐藤',
      given_name: '健一',
      latin_name: 'SATO Kenichi',
      kana: 'さとう けんいち',
    })
    expect(sato.email).toMatch(/\.invalid$/)

    const admin = await signedIn(server.origin, DEMO_ADMIN_EMAIL, password)
    expect(await (await admin.get('/events?lng=en')).text()).toContain('2024 Japanese Enterprises Yantai Tour')

    const mod = await loadServerBuild()
    const lines: string[] = []
    const again = await mod.boot({ DATABASE_URL: server.databaseUrl, SESSION_SECRET: 'x'.repeat(40) }, (l) =>
      lines.push(l),
    )
    await again.db.destroy()
    expect(lines.join('\n')).not.toContain('password')
    expect(await count(server, 'events')).toBe(1)
    expect(await count(server, 'users')).toBe(1)
  })

  it('starts empty with SEED_DEMO=0 and says how to create an admin', async () => {
    const server = await startTestServer({ SEED_DEMO: '0' })
    servers.push(server)
    expect(await count(server, 'events')).toBe(0)
    expect(await count(server, 'users')).toBe(0)
    expect(server.log.join('\n')).toContain('npm run cli -- user:create')
  })
})

// Two instances started together on one empty PostgreSQL database (a deploy of two replicas):
// SQLite is one process by design, so this is a PostgreSQL case.
describe.runIf(testDialect === 'postgres')('two first starts at once', () => {
  it('both boot, and the demo is seeded once, by one of them', async () => {
    const database = await createTestDatabase({ migrate: false })
    const mod = await loadServerBuild()
    const logs: string[][] = [[], []]
    try {
      const booted = await Promise.allSettled(
        logs.map((lines) =>
          mod.boot({ DATABASE_URL: database.url, SESSION_SECRET: TEST_SECRET, SEED_DEMO: '1' }, (l) => lines.push(l)),
        ),
      )
      for (const b of booted) if (b.status === 'fulfilled') await b.value.db.destroy()
      expect(booted.map((b) => (b.status === 'rejected' ? String(b.reason) : 'booted'))).toEqual(['booted', 'booted'])
      expect(logs.filter((lines) => lines.join('\n').includes('password:'))).toHaveLength(1)
      expect(await countRows(database.db, 'events')).toBe(1)
      expect(await countRows(database.db, 'users')).toBe(1)
      expect(await countRows(database.db, 'organizations')).toBe(29)
    } finally {
      await database.destroy()
    }
  }, 60_000)
})

async function startFails(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run('node', ['app/server/start.js'], {
      env: { PATH: process.env.PATH, PORT: '39999', ...env },
      timeout: 20_000,
    })
    return { code: 0, stderr: '' }
  } catch (error) {
    const e = error as { code: number; stderr: string }
    return { code: e.code, stderr: e.stderr }
  }
}

// The boot errors do not depend on the dialect under test; once is enough.
describe.runIf(process.env.SIGNET_TEST_DIALECT !== 'postgres')('a bad configuration', () => {
  it('stops the server with one line naming DATABASE_URL for an unknown scheme', async () => {
    const { code, stderr } = await startFails({ DATABASE_URL: 'mysql://root@localhost/signet' })
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toEqual([
      'signet: cannot start: DATABASE_URL: unsupported scheme "mysql:"; use a file path for SQLite or postgres://user@host:port/db for PostgreSQL',
    ])
  })

  it('stops the server in production without SESSION_SECRET', async () => {
    const { code, stderr } = await startFails({ NODE_ENV: 'production', APP_URL: 'https://signet.example.org' })
    expect(code).toBe(1)
    expect(stderr.trim()).toMatch(/^signet: cannot start: SESSION_SECRET: is required when NODE_ENV=production/)
    expect(stderr).not.toMatch(/\bat .*:\d+:\d+/)
  })
})
