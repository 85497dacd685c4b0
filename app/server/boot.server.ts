import type { Kysely } from 'kysely'
import { createDatabase } from '../../db/connect'
import { migrateToLatest } from '../../db/migrate'
import type { Database } from '../../db/schema'
import { type Config, loadConfig } from '../config.server'
import { isEmpty, seedDemo } from '../demo/demo-seed.server'

export interface Booted {
  config: Config
  db: Kysely<Database>
}

/** Validates the environment, opens the database, migrates it and, when empty, seeds the demo. */
export async function boot(env: NodeJS.ProcessEnv, log: (line: string) => void = console.log): Promise<Booted> {
  const config = loadConfig(env)
  const db = createDatabase(config.database)
  const applied = await migrateToLatest(db)
  const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL'
  log(`signet: database ${where} (${applied.length} migration(s) applied)`)
  if (await isEmpty(db)) {
    if (config.seedDemo) {
      const seeded = await seedDemo(db, new Date(), config.sessionSecret)
      log('')
      log('  ┌──────────────────────────────────────────────────────────────')
      log(`  │ Demo event "${seeded.eventSlug}" seeded. Admin sign-in (shown once):`)
      log(`  │   email:    ${seeded.adminEmail}`)
      log(`  │   password: ${seeded.adminPassword}`)
      log('  └──────────────────────────────────────────────────────────────')
      log('')
    } else {
      log(
        'signet: empty database; create an admin with: npm run cli -- user:create --email you@example.org --name "Your Name" --admin',
      )
    }
  }
  return { config, db }
}
