// FROZEN: never edit a migration that has landed. Add a new one instead.
// Submission keys hashed (issue 14, finding 6): registrations.submission_key held the form's
// one-time key in the clear, and the open form returned the registration of any key it was sent,
// with a delegate session: a key read from a dump or a page worked as a credential. From now on
// the column holds only the key's SHA-256 with the submission it belongs to (submissionKeyHash in
// app/registration/secrets.server.ts). The keys stored so far are dropped, not hashed: they only
// ever served to recognize a double submit within seconds of the first, which is long past.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE registrations SET submission_key = NULL WHERE submission_key IS NOT NULL`.execute(db)
}

export async function down(): Promise<void> {
  // The clear keys are gone for good; nothing to restore.
}
