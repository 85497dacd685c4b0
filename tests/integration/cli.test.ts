import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../../app/auth/login.server'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { makeEvent } from '../helpers/registration'

const run = promisify(execFile)
let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.destroy()
})

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWithInput(null, ...args)
}

async function cliWithInput(
  input: string | null,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const child = run('node_modules/.bin/tsx', ['app/cli/cli.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: t.url, SESSION_SECRET: 'x'.repeat(40) },
      timeout: 30_000,
    })
    if (input !== null) child.child.stdin?.end(input)
    const { stdout, stderr } = await child
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

async function account(email: string) {
  return t.db
    .selectFrom('users')
    .select(['id', 'name', 'language', 'is_admin', 'disabled_at', 'activated_at'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
}

async function invitesTo(email: string) {
  return t.db.selectFrom('outbox').select(['kind', 'language', 'data']).where('recipient', '=', email).execute()
}

async function tokensOf(userId: string) {
  return t.db
    .selectFrom('account_tokens')
    .select(['id', 'purpose', 'revoked_at', 'created_at'])
    .where('user_id', '=', userId)
    .execute()
}

async function roleOn(eventSlug: string, email: string) {
  const row = await t.db
    .selectFrom('event_members as m')
    .innerJoin('events as e', 'e.id', 'm.event_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.role')
    .where('e.slug', '=', eventSlug)
    .where('u.email', '=', email)
    .executeTakeFirst()
  return row?.role ?? null
}

function listLine(stdout: string, email: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`${email}\t`))
  return line?.split('\t') ?? []
}

// The tests build on each other: the admin of the first is the last admin and the organizer of the later ones.
// Each command is a process of its own (about a second each), so the cases get more than the default.
describe('operator CLI', { timeout: 60_000 }, () => {
  it('creates an admin with a generated password that signs in and lists it; never disables the last admin', async () => {
    const created = await cli('user:create', '--email', 'ops@example.org', '--name', '运营 Ops', '--admin')
    expect(created.code).toBe(0)
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1]
    expect(password?.length).toBeGreaterThanOrEqual(22)

    const signIn = await login(t.db, { email: 'ops@example.org', password: password ?? '', ip: null, userAgent: null })
    expect(signIn.ok).toBe(true)

    const listed = listLine((await cli('user:list')).stdout, 'ops@example.org')
    expect(listed.slice(0, 4)).toEqual(['ops@example.org', '运营 Ops', 'admin', 'active'])
    expect(listed[4]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    expect(listed[5]).toBe('')

    const refused = await cli('user:disable', '--email', 'ops@example.org')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('ops@example.org is the last active admin')
    expect((await account('ops@example.org')).disabled_at).toBeNull()
    const open = await t.db.selectFrom('user_sessions').select('revoked_at').execute()
    expect(open.map((s) => s.revoked_at)).toEqual([null])
  })

  it('disables an account, ending its sessions, once another admin is active, and enables it again', async () => {
    const second = await cliWithInput(
      'a second long passphrase for ops\n',
      'user:create',
      '--email',
      'ops2@example.org',
      '--name',
      'Ops Two',
      '--admin',
      '--password-stdin',
    )
    expect(second.code).toBe(0)
    const disabled = await cli('user:disable', '--email', 'ops@example.org')
    expect(disabled.code).toBe(0)
    expect(disabled.stdout).toContain('ended 1 session(s)')
    expect(listLine((await cli('user:list')).stdout, 'ops@example.org')[3]).toBe('disabled')

    // ops2 is now the only active admin
    expect((await cli('user:disable', '--email', 'ops2@example.org')).code).toBe(1)

    const enabled = await cli('user:enable', '--email', 'ops@example.org')
    expect(enabled.code).toBe(0)
    expect((await account('ops@example.org')).disabled_at).toBeNull()
    expect(listLine((await cli('user:list')).stdout, 'ops@example.org')[3]).toBe('active')
  })

  it('refuses a duplicate email, a bad email, a common password and an unknown command, changing nothing', async () => {
    expect((await cli('user:create', '--email', 'ops@example.org', '--name', 'Again')).stderr).toContain(
      'already exists',
    )
    const bad = await cli('user:create', '--email', 'not-an-email', '--name', 'X')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--email: Enter a valid email address')
    const common = await cliWithInput(
      'password1234\n',
      'user:create',
      '--email',
      'weak@example.org',
      '--name',
      'Weak',
      '--password-stdin',
    )
    expect(common.code).toBe(1)
    expect(common.stderr).toContain('user:create: --password: This password is too common')
    expect((await cli('user:delete')).code).toBe(2)
    expect((await cli('user:create', '--email', 'x@example.org', '--nmae', 'X')).code).toBe(2)
    const users = await t.db.selectFrom('users').select('email').orderBy('email').execute()
    expect(users.map((u) => u.email)).toEqual(['ops2@example.org', 'ops@example.org'])
  })

  it('invites an account: one account_invite mail in its language; inviting again revokes the older link', async () => {
    const invited = await cli('user:invite', '--email', 'New@Example.org', '--name', '新人', '--language', 'ja')
    expect(invited.code).toBe(0)
    expect(invited.stdout).toContain('invitation mail queued for new@example.org')
    const user = await account('new@example.org')
    expect(user).toMatchObject({ name: '新人', language: 'ja', is_admin: 0, disabled_at: null, activated_at: null })
    const mails = await invitesTo('new@example.org')
    expect(mails.map((m) => [m.kind, m.language])).toEqual([['account_invite', 'ja']])
    const [first] = await tokensOf(user.id)
    expect(first).toMatchObject({ purpose: 'invite', revoked_at: null })
    expect(JSON.parse(mails[0]?.data ?? '{}')).toMatchObject({ tokenId: first?.id, invitedBy: null })
    expect(listLine((await cli('user:list')).stdout, 'new@example.org')).toEqual([
      'new@example.org',
      '新人',
      'user',
      'invited',
      'never',
      '',
    ])

    const again = await cli('user:invite', '--email', 'new@example.org', '--name', '新人', '--language', 'en')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('sent again')
    expect((await invitesTo('new@example.org')).map((m) => `${m.kind} ${m.language}`).sort()).toEqual([
      'account_invite en',
      'account_invite ja',
    ])
    const tokens = await tokensOf(user.id)
    expect(tokens).toHaveLength(2)
    expect(tokens.find((k) => k.id === first?.id)?.revoked_at).not.toBeNull()
    expect(tokens.filter((k) => k.revoked_at === null)).toHaveLength(1)
    expect((await account('new@example.org')).language).toBe('en')
  })

  it('refuses to invite an active account, a bad language or a bad email, queuing nothing', async () => {
    const before = await t.db.selectFrom('outbox').select('id').execute()
    const active = await cli('user:invite', '--email', 'ops@example.org', '--name', 'Ops')
    expect(active.code).toBe(1)
    expect(active.stderr).toContain('ops@example.org is already active')
    const language = await cli('user:invite', '--email', 'fr@example.org', '--name', 'Fr', '--language', 'fr')
    expect(language.code).toBe(1)
    expect(language.stderr).toContain('--language: Choose one of the options. (zh, en or ja)')
    const email = await cli('user:invite', '--email', 'nobody', '--name', 'Nobody')
    expect(email.code).toBe(1)
    expect(email.stderr).toContain('user:invite: --email: Enter a valid email address')
    const several = await cli('user:invite', '--email', 'nobody', '--name', 'N'.repeat(121), '--language', 'de')
    expect(several.code).toBe(1)
    expect(several.stderr.trim().split('\n')).toEqual([
      'user:invite: --email: Enter a valid email address, such as name@example.com.',
      'user:invite: --name: This is too long (at most 120 characters).',
      'user:invite: --language: Choose one of the options. (zh, en or ja)',
    ])
    expect(await t.db.selectFrom('outbox').select('id').execute()).toEqual(before)
    expect(
      await t.db.selectFrom('users').select('id').where('email', 'in', ['fr@example.org', 'nobody']).execute(),
    ).toEqual([])
  })

  it('gives an account a role on an event, changes it and removes it; user:list shows the roles', async () => {
    await makeEvent(t.db, { slug: 'expo-2030', sessions: [] })
    expect(
      (await cli('user:role', '--email', 'ops@example.org', '--event', 'expo-2030', '--role', 'organizer')).code,
    ).toBe(0)
    expect(await roleOn('expo-2030', 'ops@example.org')).toBe('organizer')

    const added = await cli('user:role', '--email', 'new@example.org', '--event', 'expo-2030', '--role', 'checkin')
    expect(added.code).toBe(0)
    expect(await roleOn('expo-2030', 'new@example.org')).toBe('checkin')
    const changed = await cli('user:role', '--email', 'new@example.org', '--event', 'expo-2030', '--role', 'viewer')
    expect(changed.code).toBe(0)
    expect(changed.stdout).toContain('was checkin')
    expect(await roleOn('expo-2030', 'new@example.org')).toBe('viewer')

    await makeEvent(t.db, { slug: 'forum-2031', sessions: [], startsOn: '2031-05-20', endsOn: '2031-05-21' })
    await cli('user:role', '--email', 'new@example.org', '--event', 'forum-2031', '--role', 'organizer')
    const listed = (await cli('user:list')).stdout
    expect(listLine(listed, 'new@example.org').slice(3)).toEqual([
      'invited',
      'never',
      'forum-2031:organizer,expo-2030:viewer',
    ])
    expect(listLine(listed, 'ops@example.org')[5]).toBe('expo-2030:organizer')

    const removed = await cli('user:role', '--email', 'new@example.org', '--event', 'expo-2030', '--remove')
    expect(removed.code).toBe(0)
    expect(await roleOn('expo-2030', 'new@example.org')).toBeNull()
    // an invitation mail only ever came from user:invite
    expect(await invitesTo('new@example.org')).toHaveLength(2)
  })

  it('keeps the last organizer of an event, changing nothing', async () => {
    const removed = await cli('user:role', '--email', 'ops@example.org', '--event', 'expo-2030', '--remove')
    expect(removed.code).toBe(1)
    expect(removed.stderr).toContain('ops@example.org is the last organizer of expo-2030')
    const demoted = await cli('user:role', '--email', 'ops@example.org', '--event', 'expo-2030', '--role', 'viewer')
    expect(demoted.code).toBe(1)
    expect(demoted.stderr).toContain('last organizer')
    expect(await roleOn('expo-2030', 'ops@example.org')).toBe('organizer')
    const team = await t.db.selectFrom('event_members').select(['user_id', 'role']).orderBy('user_id').execute()
    expect(team).toHaveLength(2)
  })

  it('names the valid roles, and refuses an unknown event or an email without an account', async () => {
    const role = await cli('user:role', '--email', 'ops@example.org', '--event', 'expo-2030', '--role', 'boss')
    expect(role.code).toBe(2)
    expect(role.stderr).toContain('--role: no role "boss"; the roles are organizer, checkin, viewer')
    const event = await cli('user:role', '--email', 'ops@example.org', '--event', 'nowhere', '--role', 'viewer')
    expect(event.code).toBe(1)
    expect(event.stderr).toContain('--event: no event with slug nowhere')
    const stranger = await cli(
      'user:role',
      '--email',
      'stranger@example.org',
      '--event',
      'expo-2030',
      '--role',
      'viewer',
    )
    expect(stranger.code).toBe(1)
    expect(stranger.stderr).toContain('invite it first with user:invite')
    expect((await cli('user:role', '--email', 'ops@example.org', '--event', 'expo-2030')).code).toBe(2)
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'stranger@example.org').execute()).toEqual(
      [],
    )
    expect(await t.db.selectFrom('event_members').select('user_id').execute()).toHaveLength(2)
  })
})
