// FROZEN: never edit a migration that has landed. Add a new one instead.
// Teams and access (issue 15, ADR 0020): accounts that are invited rather than created with a
// password, their language, when they last signed in, and the one-time links that set a password
// (an invitation, 7 days) or reset it (1 hour). A link's token is never stored: like invitation
// links (ADR 0008) it is derived from the server secret and the row's random nonce, and only its
// SHA-256 is kept for lookup; using or replacing a link clears its nonce for good.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('zh'))
    .execute()
  // null while an invited account has not yet set its password
  await db.schema.alterTable('users').addColumn('activated_at', 'text').execute()
  await db.schema.alterTable('users').addColumn('last_login_at', 'text').execute()
  // when the session was last used, to within a few minutes (shown on the account page)
  await db.schema.alterTable('user_sessions').addColumn('last_seen_at', 'text').execute()
  await sql`UPDATE user_sessions SET last_seen_at = created_at`.execute(db)
  await sql`UPDATE users SET activated_at = created_at`.execute(db)
  await sql`UPDATE users SET last_login_at = (SELECT MAX(s.created_at) FROM user_sessions s WHERE s.user_id = users.id)`.execute(
    db,
  )

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // 'invite' or 'reset'
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('account_tokens_user_id').on('account_tokens').column('user_id').execute()
  await db.schema.createIndex('audit_log_created_at').on('audit_log').column('created_at').execute()
  await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_actor').execute()
  await db.schema.dropIndex('audit_log_created_at').execute()
  await db.schema.dropTable('account_tokens').execute()
  await db.schema.alterTable('user_sessions').dropColumn('last_seen_at').execute()
  await db.schema.alterTable('users').dropColumn('last_login_at').execute()
  await db.schema.alterTable('users').dropColumn('activated_at').execute()
  await db.schema.alterTable('users').dropColumn('language').execute()
}
