import type { Kysely } from 'kysely'
import { createDatabase } from '../../db/connect'
import { migrateToLatest } from '../../db/migrate'
import type { Database } from '../../db/schema'
import { type Config, loadConfig } from '../config.server'
import { seedDemoOnce } from '../demo/demo-seed.server'

export interface Booted {
  config: Config
  db: Kysely<Database>
}

/** Validates the environment, opens the database, migrates it and, when empty, seeds the demo (once, under a lock). */
export async function boot(env: NodeJS.ProcessEnv, log: (line: string) => void = console.log): Promise<Booted> {
  const config = loadConfig(env)
  const db = createDatabase(config.database)
  const applied = await migrateToLatest(db)
  const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL'
  log(`signet: database ${where} (${applied.length} migration(s) applied)`)
  const first = await seedDemoOnce(db, { seed: config.seedDemo, secret: config.sessionSecret })
  if (first.status === 'seeded') {
    const seeded = first.seed
    log('')
    log('  ┌──────────────────────────────────────────────────────────────')
    log(`  │ Demo event "${seeded.eventSlug}" seeded. Admin sign-in (shown once):`)
    log(`  │   email:    ${seeded.adminEmail}`)
    log(`  │   password: ${seeded.adminPassword}`)
    log('  └──────────────────────────────────────────────────────────────')
    log('')
  } else if (first.status === 'empty') {
    log(
      'signet: empty database; create an admin with: npm run cli -- user:create --email you@example.org --name "Your Name" --admin',
    )
  }
  return { config, db }
}
