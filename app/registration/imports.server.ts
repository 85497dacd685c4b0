/**
 * An import in two steps. The uploaded file is kept in the `imports` table (ADR 0007) between
 * its preview and its commit, so the commit re-reads the organizer's own file, never rows sent
 * back by the browser. The file is parsed and judged in the import's worker thread; who may
 * change which person (ADR 0018) is then decided here, against the directory.
 */
import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRow } from '../../db/schema'
import type { WorkerJob } from '../people/import-judge'
import { judgeInWorker } from '../people/import-worker.server'
import type { ImportPreview, PreviewRow, Upload } from '../people/imports.server'
import { loadExistingEmails } from '../people/people.server'
import { rowsXlsx } from '../people/people-export'
import {
  countVerdicts,
  IMPORT_COLUMNS,
  type ImportEncoding,
  isImportEncoding,
  type OnDuplicate,
  type RowVerdict,
} from '../people/people-import'
import { buildSessionIndex, type SessionIndex } from '../people/session-column'
import type { FieldIssue } from '../validation/field-errors'
import { commitImport, type ImportActor, type ImportOutcome, reviewImportRows } from './people-import.server'

/** Uploads not committed within this time are deleted. */
const KEEP_MS = 24 * 60 * 60 * 1000
/** Rows shown in a preview: every invalid one up to this many, then the first of the others. */
const SHOW_INVALID = 500
const SHOW_OTHERS = 100

/** The event an import also invites to (the caller has checked the organizer may edit it). */
export type ImportInvite = Pick<EventRow, 'id' | 'ends_on' | 'timezone'>

export type PreviewResult = { ok: true; preview: ImportPreview } | { ok: false; error: FieldIssue }

function previewRows(
  verdicts: readonly RowVerdict[],
  sessionsCells: ReadonlyMap<number, string>,
  notTheirs: ReadonlySet<number>,
  headers: Partial<Record<string, string>>,
): PreviewRow[] {
  const first = (v: RowVerdict) => v.status === 'invalid' || notTheirs.has(v.line)
  const invalid = verdicts.filter(first).slice(0, SHOW_INVALID)
  const others = verdicts.filter((v) => !first(v)).slice(0, SHOW_OTHERS)
  return [...invalid, ...others]
    .sort((a, b) => a.line - b.line)
    .map((v) => ({
      line: v.line,
      status: v.status,
      familyName: v.cells.family_name ?? '',
      givenName: v.cells.given_name ?? '',
      latinName: v.cells.latin_name ?? '',
      email: v.cells.email ?? '',
      organization: v.cells.organization ?? '',
      sessions: sessionsCells.get(v.line) ?? '',
      // the column named as the file names it (国家, not country)
      errors:
        v.status === 'invalid'
          ? Object.entries(v.errors).map(([column, issue]) => ({ column: headers[column] || column, issue }))
          : [],
      notes:
        v.status !== 'invalid' && v.notes
          ? v.notes.map((issue) => ({ column: headers.sessions || 'sessions', issue }))
          : [],
      notTheirs: notTheirs.has(v.line),
    }))
}

/** The event's sessions, by any of their titles or their id, for the sessions column. */
async function sessionIndex(db: Kysely<Database>, eventId: string): Promise<SessionIndex> {
  const sessions = await db
    .selectFrom('sessions')
    .select(['id', 'title_zh', 'title_en', 'title_ja', 'registration_required', 'vip_only'])
    .where('event_id', '=', eventId)
    .execute()
  return buildSessionIndex(
    sessions.map((s) => ({
      id: s.id,
      titles: [s.title_zh, s.title_en, s.title_ja],
      registrationRequired: s.registration_required,
      vipOnly: s.vip_only,
    })),
  )
}

/**
 * Parses and judges the file in the import's worker thread, against the directory as it is now,
 * then decides who may update which duplicate and who may be invited to a VIP-only session
 * (ADR 0018).
 */
async function judge(
  db: Kysely<Database>,
  actor: ImportActor,
  importId: string,
  filename: string,
  source: WorkerJob['source'],
  options: { encoding: ImportEncoding; invite: ImportInvite | null },
): Promise<
  | { ok: true; preview: ImportPreview; verdicts: RowVerdict[]; sessionsCells: ReadonlyMap<number, string> }
  | { ok: false; error: FieldIssue }
> {
  const index = options.invite ? await sessionIndex(db, options.invite.id) : null
  const result = await judgeInWorker({
    source,
    filename,
    encoding: options.encoding,
    existingEmails: await loadExistingEmails(db),
    sessions: index,
  })
  if (!result.ok) return result
  const { verdicts: judged, sessionsCells, ...file } = result.judged
  const cells = new Map(sessionsCells ?? [])
  const { verdicts, notTheirs } = await reviewImportRows(
    db,
    actor.id,
    judged,
    index && sessionsCells ? { index, cells } : null,
  )
  return {
    ok: true,
    verdicts,
    sessionsCells: cells,
    preview: {
      importId,
      filename,
      ...file,
      counts: countVerdicts(verdicts),
      rows: previewRows(verdicts, cells, notTheirs, file.headers),
    },
  }
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
    actor,
    importId,
    upload.filename,
    { path: upload.path },
    {
      encoding: upload.encoding,
      invite: options.invite ?? null,
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
  | ({ ok: true; invalidSkipped: number } & ImportOutcome)
  | { ok: false; error: FieldIssue }
  | { ok: false; preview: ImportPreview; error?: FieldIssue }

/** A kept upload of this organizer's, read and judged again; null when it is gone or not theirs. */
async function judgeKept(db: Kysely<Database>, actor: ImportActor, importId: string, invite: ImportInvite | null) {
  const stored = await db
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', importId)
    .where('user_id', '=', actor.id)
    .executeTakeFirst()
  if (!stored) return null
  const judged = await judge(
    db,
    actor,
    importId,
    stored.filename,
    { base64: stored.content_base64 },
    { encoding: isImportEncoding(stored.encoding) ? stored.encoding : 'auto', invite },
  )
  return { stored, judged }
}

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
  options: { skipInvalid?: boolean } = {},
): Promise<CommitStagedResult> {
  const kept = await judgeKept(db, actor, importId, invite)
  if (!kept) return { ok: false, error: { key: 'people.errors.importGone' } }
  const { stored, judged } = kept
  if (!judged.ok) return judged
  const result = await commitImport(db, actor, judged.verdicts, {
    onDuplicate,
    filename: stored.filename,
    skipInvalid: options.skipInvalid === true,
    ...(invite ? { invite } : {}),
  })
  if (!result.ok && result.reason === 'invalid_rows') return { ok: false, preview: judged.preview }
  if (!result.ok) {
    const key = result.reason === 'not_theirs' ? 'people.errors.notTheirs' : 'invitations.import.vipOnlyRows'
    return { ok: false, preview: judged.preview, error: { key, values: { rows: result.lines.join(', ') } } }
  }
  const invalid = judged.verdicts.filter((v) => v.status === 'invalid')
  if (invalid.length === 0) {
    await db.deleteFrom('imports').where('id', '=', importId).execute()
    return { ...result, invalidSkipped: 0 }
  }
  // The rows left out stay as the upload, alone, so that they can be downloaded to fix and
  // imported again; committing it again finds no valid row and saves nothing.
  const { headers, rows } = rowsAsWritten(invalid, judged.preview.headers, judged.sessionsCells)
  const bytes = Buffer.from(await rowsXlsx(headers, rows))
  await db
    .updateTable('imports')
    .set({
      filename: `${stored.filename.replace(/\.[^.]*$/, '')}-skipped.xlsx`,
      encoding: 'auto',
      size: bytes.length,
      content_base64: bytes.toString('base64'),
    })
    .where('id', '=', importId)
    .execute()
  return { ...result, invalidSkipped: invalid.length }
}

/** Rows as the file wrote them: its headers (the columns Signet read, then the sessions column) and their cells. */
function rowsAsWritten(
  verdicts: readonly RowVerdict[],
  written: Partial<Record<string, string>>,
  sessionsCells: ReadonlyMap<number, string>,
): { headers: string[]; rows: string[][]; lines: number[] } {
  const columns = [...IMPORT_COLUMNS, 'sessions' as const].filter((c) => written[c])
  return {
    headers: columns.map((c) => written[c] ?? c),
    rows: verdicts.map((v) =>
      columns.map((c) => (c === 'sessions' ? (sessionsCells.get(v.line) ?? '') : (v.cells[c] ?? ''))),
    ),
    lines: verdicts.map((v) => v.line),
  }
}

/**
 * The rows of a kept upload of this organizer's that have problems, with what is wrong with each
 * (`describe` words a problem in the reader's language), as a workbook to fix and import again;
 * null when the upload is gone or is not theirs. With `invite`, the sessions column is judged
 * against that event, as the preview did.
 */
export async function problemRowsWorkbook(
  db: Kysely<Database>,
  actor: ImportActor,
  importId: string,
  invite: ImportInvite | null,
  describe: (column: string, issue: FieldIssue) => string,
  problemHeader: string,
): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer>; rows: number } | null> {
  const kept = await judgeKept(db, actor, importId, invite)
  if (!kept?.judged.ok) return null
  const { stored, judged } = kept
  const invalid = judged.verdicts.filter((v) => v.status === 'invalid')
  const written = judged.preview.headers
  const { headers, rows } = rowsAsWritten(invalid, written, judged.sessionsCells)
  const texts = invalid.map((v) =>
    v.status === 'invalid'
      ? Object.entries(v.errors)
          .map(([column, issue]) => describe(written[column] || column, issue))
          .join('; ')
      : '',
  )
  const bytes = await rowsXlsx(headers, rows, { header: problemHeader, texts })
  return { filename: `${stored.filename.replace(/\.[^.]*$/, '')}-problems.xlsx`, bytes, rows: invalid.length }
}
