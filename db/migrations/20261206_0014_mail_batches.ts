// FROZEN: never edit a migration that has landed. Add a new one instead.
// Bulk sends that confirm (issue 19): an organizer sees how many, to whom and the mail in each
// language, then confirms once. The confirmation carries a batch key given with the preview;
// the batch row is written with its mails in one transaction, so a second request with the
// same key (a double click, a retried POST) finds it and sends nothing. Each mail of a batch
// names it, so its progress (queued, sent, failed) is one indexed count.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    /** send, resend or remind */
    .addColumn('mode', 'text', (c) => c.notNull())
    /** JSON: the list's filter the batch was confirmed for ({ q, status }) */
    .addColumn('filter', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('mail_batches_event').on('mail_batches').columns(['event_id', 'created_at']).execute()
  await db.schema
    .alterTable('outbox')
    .addColumn('batch_id', 'text', (c) => c.references('mail_batches.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('outbox_batch_status').on('outbox').columns(['batch_id', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_batch_status').execute()
  await db.schema.alterTable('outbox').dropColumn('batch_id').execute()
  await db.schema.dropTable('mail_batches').execute()
}
