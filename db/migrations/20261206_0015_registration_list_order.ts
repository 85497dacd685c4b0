// FROZEN: never edit a migration that has landed. Add a new one instead.
// The registrations list pages on the server (issue 19): its default order (by name) and its
// organization filter's choices read an event's registrations in index order, so a page of 50
// out of 50,000 is an index walk rather than a sort of every row.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('registrations_event_name')
    .on('registrations')
    .columns(['event_id', 'latin_name', 'family_name', 'id'])
    .execute()
  await db.schema
    .createIndex('registrations_event_organization')
    .on('registrations')
    .columns(['event_id', 'organization_name'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registrations_event_organization').execute()
  await db.schema.dropIndex('registrations_event_name').execute()
}
