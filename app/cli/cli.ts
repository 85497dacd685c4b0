/**
 * Operators' command line: `npm run cli -- <command> [options]`.
 *   user:create --email E --name N [--admin] [--password-stdin]
 *   user:list
 *   user:disable --email E
 *   device:create --event SLUG --name N [--session ID]...
 *   device:revoke --device ID
 *   backup <file>    restore <file>
 * Uses DATABASE_URL like the server and migrates the database first (backup and restore do not).
 */

import { resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { backupSqlite, restoreSqlite } from '../../db/backup'
import { createDatabase } from '../../db/connect'
import { migrateToLatest } from '../../db/migrate'
import { generatePassword } from '../auth/password.server'
import { createDevice, issueDeviceToken, revokeDevice } from '../checkin/devices.server'
import { ConfigError, loadConfig } from '../config.server'
import en from '../i18n/locales/en'
import { lookup } from '../i18n/messages'
import { createUser, disableUser, listUsers } from '../users/users.server'

const USAGE = `usage: npm run cli -- <command>
  user:create --email <email> --name <name> [--admin] [--password-stdin]
      prompts for a password on a terminal; otherwise generates one and prints it once
  user:list
  user:disable --email <email>      disables the account and ends all its sessions
  device:create --event <slug> --name <name> [--session <id>]...
      a check-in device for the event (limited to the sessions named, if any);
      prints its id, then its token on the last line (shown once)
  device:revoke --device <id>       the device is refused from its next request
  backup <file>     a consistent copy of the SQLite database, taken while the server runs
  restore <file>    puts a backup in place of the SQLite database (stop the server first);
                    the database it replaces is kept as <database>.before-restore-<time>
  (PostgreSQL: use pg_dump and pg_restore, see the README)`

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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'backup' || command === 'restore') return backupOrRestore(command, rest)
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
      event: { type: 'string' },
      device: { type: 'string' },
      session: { type: 'string', multiple: true },
    },
    strict: true,
  })
  if (!command || !['user:create', 'user:list', 'user:disable', 'device:create', 'device:revoke'].includes(command)) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig()
  const db = createDatabase(config.database)
  try {
    await migrateToLatest(db)
    if (command === 'user:list') {
      for (const u of await listUsers(db)) {
        const state = u.disabledAt ? `disabled ${u.disabledAt}` : 'active'
        console.log(`${u.email}\t${u.name}\t${u.isAdmin ? 'admin' : 'user'}\t${state}`)
      }
      return 0
    }
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
    if (command === 'user:disable') {
      const result = await disableUser(db, values.email, null)
      if (!result.ok) {
        console.error(`user:disable: no user with email ${values.email}`)
        return 1
      }
      console.log(`disabled ${values.email}; ended ${result.revokedSessions} session(s)`)
      return 0
    }
    if (!values.name) {
      console.error(`user:create: --name is required\n${USAGE}`)
      return 2
    }
    const { password, generated } = await readPassword(values['password-stdin'])
    const result = await createUser(
      db,
      { email: values.email, name: values.name, password, isAdmin: values.admin },
      null,
    )
    if (!result.ok) {
      if (result.reason === 'email_taken')
        console.error(`user:create: a user with email ${values.email} already exists`)
      else {
        for (const [field, key] of Object.entries(result.fields)) {
          console.error(`user:create: --${field}: ${(lookup(en, key) ?? key).replace('{{max}}', '')}`)
        }
      }
      return 1
    }
    console.log(`created ${values.admin ? 'admin' : 'user'} ${values.email}`)
    if (generated) console.log(`password (shown once): ${password}`)
    return 0
  } finally {
    await db.destroy()
  }
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
  db: ReturnType<typeof createDatabase>,
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
