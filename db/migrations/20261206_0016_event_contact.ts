// FROZEN: never edit a migration that has landed. Add a new one instead.
// Each event says who to contact (issue 19): the organizer's name, phone, email and WeChat ID,
// shown on the delegates' pages and in every mail, and the sender name and Reply-To address its
// mails go out with. Empty text means not given (the mails then use MAIL_FROM alone).
import type { Kysely } from 'kysely'

const COLUMNS = ['contact_name', 'contact_phone', 'contact_email', 'contact_wechat', 'sender_name', 'reply_to'] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema
      .alterTable('events')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('events').dropColumn(column).execute()
}
