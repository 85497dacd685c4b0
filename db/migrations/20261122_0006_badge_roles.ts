// FROZEN: never edit a migration that has landed. Add a new one instead.
// The role printed on a registration's badge (its colour band): null means "from the person":
// VIP for VIPs, delegate otherwise; organizers may set delegate, vip, staff or press.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('badge_role', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('badge_role').execute()
}
