/**
 * Operators' command line: `npm run cli -- <command> [options]`.
 *   user:create --email E --name N [--language zh|en|ja] [--admin] [--password-stdin]
 *   user:invite --email E --name N [--language zh|en|ja] [--admin]
 *   user:role --email E --event SLUG (--role organizer|checkin|viewer | --remove)
 *   user:list
 *   user:disable --email E     user:enable --email E
 *   device:create --event SLUG --name N [--session ID]...
 *   device:revoke --device ID
 *   backup <file>    restore <file>
 * Uses DATABASE_URL like the server and migrates the database first (backup and restore do not).
 * Exit codes: 0 done (or nothing to do), 1 refused (nothing changed), 2 a mistake in the command.
 * Changes are made as no one (actor null), so only the rules about the last admin and the last
 * organizer apply, never the one about disabling oneself.
 */

import { resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { backupSqlite, restoreSqlite } from '../../db/backup'
import { createDatabase } from '../../db/connect'
import { migrateToLatest } from '../../db/migrate'
import type { Database, Language } from '../../db/schema'
import { generatePassword } from '../auth/password.server'
import { createDevice, issueDeviceToken, revokeDevice } from '../checkin/devices.server'
import { ConfigError, loadConfig } from '../config.server'
import en from '../i18n/locales/en'
import { lookup } from '../i18n/messages'
import { accountStatus, inviteAccount, listAccounts, setAccountDisabled } from '../users/accounts.server'
import { addTeamMember, changeTeamMember } from '../users/team.server'
import { EVENT_ROLES, roleSchema } from '../users/users'
import { createUser } from '../users/users.server'
import { normalizeEmail } from '../validation/email'
import type { FieldIssue } from '../validation/field-errors'

const USAGE = `usage: npm run cli -- <command>
  user:create --email <email> --name <name> [--language zh|en|ja] [--admin] [--password-stdin]
      prompts for a password on a terminal; otherwise generates one and prints it once
  user:invite --email <email> --name <name> [--language zh|en|ja] [--admin]
      an account without a password; queues the mail with its set-password link (7 days),
      in the language given (zh by default). A pending invitation is sent again.
  user:role --email <email> --event <slug> --role organizer|checkin|viewer
  user:role --email <email> --event <slug> --remove
      gives an existing account that role on the event, or takes it off the event's team
  user:list         one line per account, tab-separated:
                    email, name, admin|user, active|invited|disabled, last sign-in|never,
                    event roles as slug:role,slug:role (latest event first)
  user:disable --email <email>      disables the account and ends all its sessions and links
                                    (never the last active admin)
  user:enable --email <email>       enables it again
  device:create --event <slug> --name <name> [--session <id>]...
      a check-in device for the event (limited to the sessions named, if any);
      prints its id, then its token on the last line (shown once)
  device:revoke --device <id>       the device is refused from its next request
  backup <file>     a consistent copy of the SQLite database, taken while the server runs
  restore <file>    puts a backup in place of the SQLite database (stop the server first);
                    the database it replaces is kept as <database>.before-restore-<time>
  (PostgreSQL: use pg_dump and pg_restore, see the README)
exit codes: 0 done, 1 refused (nothing changed), 2 a mistake in the command`

const COMMANDS = [
  'user:create',
  'user:invite',
  'user:role',
  'user:list',
  'user:disable',
  'user:enable',
  'device:create',
  'device:revoke',
]

/** The longest value of each field, for user:create's "at most {{max}} characters" (its errors carry no values). */
const FIELD_MAX: Record<string, number> = { email: 254, name: 120, password: 1024 }
const FIELD_OPTION: Record<string, string> = { isAdmin: 'admin' }

/** A domain's field errors as one English line per option. */
function printFieldErrors(command: string, fields: Record<string, string | FieldIssue>): void {
  for (const [field, error] of Object.entries(fields)) {
    const issue = typeof error === 'string' ? { key: error, values: { max: FIELD_MAX[field] ?? '' } } : error
    let text = lookup(en, issue.key) ?? issue.key
    for (const [name, value] of Object.entries(issue.values ?? {})) text = text.replace(`{{${name}}}`, String(value))
    if (field === 'language') text += ' (zh, en or ja)'
    console.error(`${command}: --${FIELD_OPTION[field] ?? field}: ${text}`)
  }
}

function isLanguage(value: string): value is Language {
  return value === 'zh' || value === 'en' || value === 'ja'
}

/** A line of `user:list` stays one line of tab-separated fields whatever the name holds. */
function cell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ')
}

async function readPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return {
      password: Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, ''),
      generated: false,
    }
  }
  if (!process.stdin.isTTY) return { password: generatePassword(), generated: true }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const answer = await rl.question('Password (at least 12 characters; empty to generate one): ')
  rl.close()
  return answer ? { password: answer, generated: false } : { password: generatePassword(), generated: true }
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
      language: { type: 'string' },
      role: { type: 'string' },
      remove: { type: 'boolean', default: false },
      event: { type: 'string' },
      device: { type: 'string' },
      session: { type: 'string', multiple: true },
    },
    strict: true,
  }).values
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'backup' || command === 'restore') return backupOrRestore(command, rest)
  let values: ReturnType<typeof parseOptions>
  try {
    values = parseOptions(rest)
  } catch (error) {
    // an unknown option, or one without its value: node names it
    console.error(`${command}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    return 2
  }
  if (!command || !COMMANDS.includes(command)) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig()
  const db = createDatabase(config.database)
  try {
    await migrateToLatest(db)
    if (command === 'user:list') return await userList(db)
    if (command === 'device:create') return await deviceCreate(db, values)
    if (command === 'device:revoke') {
      if (!values.device) {
        console.error(`device:revoke: --device is required\n${USAGE}`)
        return 2
      }
      const result = await revokeDevice(db, null, values.device, { userId: null })
      if (!result.ok) {
        console.error(`device:revoke: no active device with id ${values.device}`)
        return 1
      }
      console.log(`revoked device ${values.device}`)
      return 0
    }
    if (!values.email) {
      console.error(`${command}: --email is required\n${USAGE}`)
      return 2
    }
    if (command === 'user:disable' || command === 'user:enable')
      return await userDisable(db, command, values.email, command === 'user:disable')
    if (command === 'user:role') return await userRole(db, config.sessionSecret, { ...values, email: values.email })
    if (!values.name) {
      console.error(`${command}: --name is required\n${USAGE}`)
      return 2
    }
    const language = values.language ?? 'zh'
    if (command === 'user:invite') {
      return await userInvite(db, config.sessionSecret, {
        email: values.email,
        name: values.name,
        language,
        admin: values.admin,
      })
    }
    if (!isLanguage(language)) {
      printFieldErrors(command, { language: 'validation.choice' })
      return 1
    }
    const { password, generated } = await readPassword(values['password-stdin'])
    const result = await createUser(
      db,
      { email: values.email, name: values.name, password, isAdmin: values.admin, language },
      null,
    )
    if (!result.ok) {
      if (result.reason === 'email_taken')
        console.error(`user:create: a user with email ${values.email} already exists`)
      else printFieldErrors('user:create', result.fields)
      return 1
    }
    console.log(`created ${values.admin ? 'admin' : 'user'} ${values.email}`)
    if (generated) console.log(`password (shown once): ${password}`)
    return 0
  } finally {
    await db.destroy()
  }
}

async function accountByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'is_admin', 'disabled_at', 'activated_at'])
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst()
}

async function userList(db: Kysely<Database>): Promise<number> {
  const { items, total } = await listAccounts(db, '', null)
  if (items.length !== total) throw new Error(`listed ${items.length} of ${total} accounts`)
  for (const u of items) {
    const roles = u.roles.map((r) => `${r.eventSlug}:${r.role}`).join(',')
    console.log(
      [u.email, cell(u.name), u.isAdmin ? 'admin' : 'user', u.status, u.lastLoginAt ?? 'never', roles].join('\t'),
    )
  }
  return 0
}

async function userInvite(
  db: Kysely<Database>,
  secret: string,
  values: { email: string; name: string; language: string; admin: boolean },
): Promise<number> {
  const before = await accountByEmail(db, values.email)
  const result = await inviteAccount(
    db,
    secret,
    { userId: null },
    { email: values.email, name: values.name, language: values.language, isAdmin: values.admin },
    new Date(),
  )
  if (!result.ok) {
    if (result.reason === 'invalid') printFieldErrors('user:invite', result.fields)
    else if (before?.disabled_at)
      console.error(`user:invite: the account ${before.email} exists and is disabled; use user:enable`)
    else
      console.error(
        `user:invite: the account ${before?.email ?? values.email} is already active; it needs no invitation`,
      )
    return 1
  }
  const email = normalizeEmail(values.email)
  if (before) console.log(`invitation sent again to ${email}; its earlier link no longer works`)
  console.log(
    `invitation mail queued for ${email}: the server's mail worker sends it (if the server is not running, when it starts)`,
  )
  return 0
}

async function userRole(
  db: Kysely<Database>,
  secret: string,
  values: { email: string; event?: string; role?: string; remove: boolean },
): Promise<number> {
  if (!values.event || (values.role === undefined) === !values.remove) {
    console.error(`user:role: give --event and either --role or --remove\n${USAGE}`)
    return 2
  }
  const role = values.remove ? null : roleSchema.safeParse(values.role)
  if (role && !role.success) {
    console.error(`user:role: --role: no role "${values.role}"; the roles are ${EVENT_ROLES.join(', ')}`)
    return 2
  }
  const event = await db.selectFrom('events').select('id').where('slug', '=', values.event).executeTakeFirst()
  if (!event) {
    console.error(`user:role: --event: no event with slug ${values.event}`)
    return 1
  }
  // Only an existing account: an invitation needs a name and a language, and is user:invite's to send.
  const account = await accountByEmail(db, values.email)
  if (!account) {
    console.error(`user:role: --email: no account with email ${values.email}; invite it first with user:invite`)
    return 1
  }
  const refusal = {
    not_member: `${account.email} is not on the team of ${values.event}`,
    last_organizer: `${account.email} is the last organizer of ${values.event}; make someone else organizer first`,
  }
  if (role === null) {
    const removed = await changeTeamMember(db, { userId: null }, event.id, account.id, null, new Date())
    if (!removed.ok) {
      console.error(`user:role: ${removed.reason === 'invalid' ? 'refused' : refusal[removed.reason]}`)
      return 1
    }
    console.log(`removed ${account.email} from the team of ${values.event}`)
    return 0
  }
  const added = await addTeamMember(
    db,
    secret,
    { userId: null },
    event.id,
    { email: account.email, role: role.data, language: 'zh' },
    new Date(),
  )
  if (added.ok) {
    console.log(`${account.email} is now ${role.data} of ${values.event}`)
    return 0
  }
  if (added.reason === 'invalid') {
    printFieldErrors('user:role', added.fields)
    return 1
  }
  if (added.role === role.data) {
    console.log(`${account.email} is already ${role.data} of ${values.event}`)
    return 0
  }
  const changed = await changeTeamMember(db, { userId: null }, event.id, account.id, role.data, new Date())
  if (!changed.ok) {
    console.error(`user:role: ${changed.reason === 'invalid' ? 'refused' : refusal[changed.reason]}`)
    return 1
  }
  console.log(`${account.email} is now ${role.data} of ${values.event} (was ${added.role})`)
  return 0
}

async function userDisable(db: Kysely<Database>, command: string, email: string, disabled: boolean): Promise<number> {
  const account = await accountByEmail(db, email)
  if (!account) {
    console.error(`${command}: no user with email ${email}`)
    return 1
  }
  if ((account.disabled_at !== null) === disabled) {
    console.log(`${account.email} is already ${disabled ? 'disabled' : 'enabled'}`)
    return 0
  }
  const result = await setAccountDisabled(db, { userId: null }, account.id, disabled, new Date())
  if (!result.ok) {
    const why = {
      not_found: `no user with email ${email}`,
      last_admin: `${account.email} is the last active admin; make another account admin (one that has set its password) first`,
      self: 'an account cannot disable itself',
    }[result.reason]
    console.error(`${command}: ${why}`)
    return 1
  }
  if (disabled) console.log(`disabled ${account.email}; ended ${result.revokedSessions ?? 0} session(s)`)
  else {
    console.log(`enabled ${account.email}`)
    if (accountStatus({ disabled_at: null, activated_at: account.activated_at }) === 'invited')
      console.log(`${account.email} has not set a password yet; send it a new invitation with user:invite`)
  }
  return 0
}

function backupOrRestore(command: 'backup' | 'restore', args: string[]): number {
  const [file, ...extra] = args
  if (!file || extra.length > 0) {
    console.error(`${command}: give one file\n${USAGE}`)
    return 2
  }
  const { database } = loadConfig()
  if (database.dialect !== 'sqlite') {
    console.error(`${command}: DATABASE_URL is PostgreSQL; use pg_dump / pg_restore (see the README)`)
    return 2
  }
  const target = resolve(file)
  if (command === 'backup') {
    const result = backupSqlite(database.file, target)
    if (!result.ok) {
      const why = {
        target_exists: `${target} already exists; choose a new file`,
        no_database: `there is no database at ${database.file}`,
        corrupt: 'the copy failed its integrity check; nothing was written',
      }[result.reason]
      console.error(`backup: ${why}`)
      return 1
    }
    console.log(`backup: ${database.file} -> ${result.file}`)
    return 0
  }
  const result = restoreSqlite(target, database.file)
  if (!result.ok) {
    const why = {
      no_backup: `there is no file at ${target}`,
      corrupt: `${target} is not an intact SQLite database`,
      not_signet: `${target} is not a Signet database`,
    }[result.reason]
    console.error(`restore: ${why}; nothing was changed`)
    return 1
  }
  console.log(`restore: ${target} -> ${database.file}`)
  if (result.replaced) console.log(`restore: the previous database is kept as ${result.replaced}`)
  return 0
}

async function deviceCreate(
  db: Kysely<Database>,
  values: { event?: string; name?: string; session?: string[] },
): Promise<number> {
  if (!values.event || !values.name) {
    console.error(`device:create: --event and --name are required\n${USAGE}`)
    return 2
  }
  const event = await db.selectFrom('events').select('id').where('slug', '=', values.event).executeTakeFirst()
  if (!event) {
    console.error(`device:create: no event with slug ${values.event}`)
    return 1
  }
  const created = await createDevice(
    db,
    event.id,
    { name: values.name, sessionIds: values.session ?? [] },
    {
      userId: null,
    },
  )
  if (!created.ok) {
    console.error(`device:create: ${lookup(en, `checkin.devices.errors.${created.reason}`) ?? created.reason}`)
    return 1
  }
  const token = await issueDeviceToken(db, created.deviceId)
  if (!token.ok) throw new Error('the device vanished while it was being created')
  console.log(`created device ${created.deviceId} "${values.name.trim()}" for ${values.event}`)
  console.log('token (shown once; send it as Authorization: Device <token>):')
  console.log(token.token)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error)
    console.error(`signet cli: ${message}`)
    process.exit(1)
  },
)
