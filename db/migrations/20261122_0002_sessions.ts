// FROZEN: never edit a migration that has landed. Add a new one instead.
// Sessions of an event (times as ISO-8601 UTC text), buses and companies of site visits, and the
// event's address and registration window.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['address_zh', 'address_en', 'address_ja']) {
    await db.schema
      .alterTable('events')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  }
  await db.schema.alterTable('events').addColumn('registration_opens_at', 'text').execute()
  await db.schema.alterTable('events').addColumn('registration_closes_at', 'text').execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('room_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('room_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('room_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('capacity', 'integer')
    .addColumn('registration_required', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('interpretation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chain', 'text')
    .addColumn('meeting_point_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_point_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_point_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_event_starts').on('sessions').columns(['event_id', 'starts_at']).execute()

  await db.schema
    .createTable('session_buses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('session_buses_session').on('session_buses').column('session_id').execute()

  await db.schema
    .createTable('session_visits')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_visits_pk', ['session_id', 'organization_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_visits').execute()
  await db.schema.dropTable('session_buses').execute()
  await db.schema.dropTable('sessions').execute()
  for (const column of ['registration_closes_at', 'registration_opens_at', 'address_ja', 'address_en', 'address_zh']) {
    await db.schema.alterTable('events').dropColumn(column).execute()
  }
}
