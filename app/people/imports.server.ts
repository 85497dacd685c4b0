/**
 * An import in two steps. The uploaded file is kept in the `imports` table (ADR 0007) between
 * its preview and its commit, so the commit re-reads the organizer's own file, never rows sent
 * back by the browser.
 */
import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRow } from '../../db/schema'
import type { FieldIssue } from '../http/form'
import type { JudgedFile, PreviewRow, WorkerJob } from './import-judge'
import { judgeInWorker } from './import-worker.server'
import { commitImport, type ImportActor, type ImportOutcome, loadExistingEmails } from './people.server'
import { type ImportEncoding, isImportEncoding, type OnDuplicate, type RowVerdict } from './people-import'
import { buildSessionIndex, type SessionIndex } from './session-column'

export type { PreviewRow }

/** Uploads not committed within this time are deleted. */
const KEEP_MS = 24 * 60 * 60 * 1000

export interface ImportPreview extends Omit<JudgedFile, 'verdicts'> {
  importId: string
  filename: string
}

/** An uploaded file, as the HTTP layer spooled it to disk (app/http/upload.ts). */
export interface Upload {
  filename: string
  encoding: ImportEncoding
  path: string
}

/** The event an import also invites to (the caller has checked the organizer may edit it). */
export type ImportInvite = Pick<EventRow, 'id' | 'ends_on' | 'timezone'>

export type PreviewResult = { ok: true; preview: ImportPreview } | { ok: false; error: FieldIssue }

/** The event's sessions, by any of their titles or their id, for the sessions column. */
async function sessionIndex(db: Kysely<Database>, eventId: string): Promise<SessionIndex> {
  const sessions = await db
    .selectFrom('sessions')
    .select(['id', 'title_zh', 'title_en', 'title_ja', 'registration_required'])
    .where('event_id', '=', eventId)
    .execute()
  return buildSessionIndex(
    sessions.map((s) => ({
      id: s.id,
      titles: [s.title_zh, s.title_en, s.title_ja],
      registrationRequired: s.registration_required,
    })),
  )
}

/** Parses and judges the file in the import's worker thread, against the directory as it is now. */
async function judge(
  db: Kysely<Database>,
  importId: string,
  filename: string,
  source: WorkerJob['source'],
  options: { encoding: ImportEncoding; invite: ImportInvite | null; keepVerdicts: boolean },
): Promise<{ ok: true; preview: ImportPreview; verdicts: RowVerdict[] } | { ok: false; error: FieldIssue }> {
  const result = await judgeInWorker({
    source,
    filename,
    encoding: options.encoding,
    existingEmails: await loadExistingEmails(db),
    sessions: options.invite ? await sessionIndex(db, options.invite.id) : null,
    keepVerdicts: options.keepVerdicts,
  })
  if (!result.ok) return result
  const { verdicts, ...judged } = result.judged
  return { ok: true, verdicts: verdicts ?? [], preview: { importId, filename, ...judged } }
}

/**
 * Reads and judges an upload; when it can be read at all, keeps it for the commit. With `invite`,
 * the sessions column is read and must name sessions of that event.
 */
export async function previewUpload(
  db: Kysely<Database>,
  actor: ImportActor,
  upload: Upload,
  options: { invite?: ImportInvite | null; now?: Date } = {},
): Promise<PreviewResult> {
  const now = options.now ?? new Date()
  const importId = newId()
  const judged = await judge(
    db,
    importId,
    upload.filename,
    { path: upload.path },
    {
      encoding: upload.encoding,
      invite: options.invite ?? null,
      keepVerdicts: false,
    },
  )
  if (!judged.ok) return judged
  // Read whole only now that it is known to be a list the import can hold (ADR 0007 keeps it in the database).
  const bytes = await readFile(upload.path)
  await db
    .deleteFrom('imports')
    .where('created_at', '<', nowIso(new Date(now.getTime() - KEEP_MS)))
    .execute()
  await db
    .insertInto('imports')
    .values({
      id: importId,
      user_id: actor.id,
      filename: upload.filename,
      encoding: upload.encoding,
      size: bytes.length,
      content_base64: bytes.toString('base64'),
      created_at: nowIso(now),
    })
    .execute()
  return { ok: true, preview: judged.preview }
}

export type CommitStagedResult =
  | ({ ok: true } & ImportOutcome)
  | { ok: false; error: FieldIssue }
  | { ok: false; preview: ImportPreview }

/**
 * Commits a kept upload of this organizer's: reads and judges the stored file again and, when no
 * row is invalid, saves everything in one transaction (with `invite`, the draft invitations too).
 * Nothing is saved otherwise.
 */
export async function commitStagedImport(
  db: Kysely<Database>,
  actor: ImportActor,
  importId: string,
  onDuplicate: OnDuplicate,
  invite: ImportInvite | null = null,
): Promise<CommitStagedResult> {
  const stored = await db
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', importId)
    .where('user_id', '=', actor.id)
    .executeTakeFirst()
  if (!stored) return { ok: false, error: { key: 'people.errors.importGone' } }
  const judged = await judge(
    db,
    importId,
    stored.filename,
    { base64: stored.content_base64 },
    {
      encoding: isImportEncoding(stored.encoding) ? stored.encoding : 'auto',
      invite,
      keepVerdicts: true,
    },
  )
  if (!judged.ok) return judged
  const result = await commitImport(db, actor, judged.verdicts, {
    onDuplicate,
    filename: stored.filename,
    ...(invite ? { invite } : {}),
  })
  if (!result.ok) return { ok: false, preview: judged.preview }
  await db.deleteFrom('imports').where('id', '=', importId).execute()
  return result
}
