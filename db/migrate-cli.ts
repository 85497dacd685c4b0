// `npm run db:migrate`: brings the database named by DATABASE_URL up to date.
import { loadConfig } from '../app/config.server'
import { createDatabase } from './connect'
import { migrateToLatest } from './migrate'

async function main() {
  const config = loadConfig()
  const db = createDatabase(config.database)
  try {
    const applied = await migrateToLatest(db)
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date')
  } finally {
    await db.destroy()
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
