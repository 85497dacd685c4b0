/**
 * The import page's sections (app/routes/people-import.tsx): the preview of an upload with each
 * row's verdict and the commit, the upload form (file, encoding, event to invite to, what to do
 * with people already in the directory), and the columns a file may have.
 */
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import type { LocalizedText } from '../../i18n/localized'
import {
  COLUMN_ALIASES,
  IMPORT_COLUMNS,
  IMPORT_ENCODINGS,
  ON_DUPLICATE,
  type OnDuplicate,
  SESSIONS_ALIASES,
} from '../../people/columns'
import type { ImportPreview } from '../../people/imports.server'
import type { ImportActionResult, PeopleImportPage } from '../../people/people-import-page.server'
import type { FieldIssue } from '../../validation/field-errors'
import { DataTable } from '../primitives/data-table'
import { LocalizedTextView } from '../primitives/localized-text'

/** The rows of a kept upload that have problems, with their reasons, as XLSX (people-import-problems.tsx). */
function problemsHref(importId: string, event: string): string {
  const path = `/people/import/${encodeURIComponent(importId)}/problems.xlsx`
  return event ? `${path}?event=${encodeURIComponent(event)}` : path
}

/** After saving the valid rows: what was saved, and the rows left out to download, fix and import again. */
export function SavedSkipping({
  saved,
  importId,
  event,
}: {
  saved: { created: number; updated: number; skipped: number; invited: number; invalidSkipped: number }
  importId: string
  event: string
}) {
  const { t } = useTranslation()
  return (
    <section className="card stack notice" role="status" aria-labelledby="saved-title">
      <h2 id="saved-title">{t('people.import.savedValidTitle')}</h2>
      <p>
        {t('people.import.savedValid', {
          created: saved.created,
          updated: saved.updated,
          skipped: saved.skipped,
          invalid: saved.invalidSkipped,
        })}
        {event ? ` ${t('people.import.savedInvited', { invited: saved.invited })}` : null}
      </p>
      <p>
        <a className="button" href={problemsHref(importId, event)} download>
          {t('people.import.downloadProblems', { count: saved.invalidSkipped })}
        </a>
      </p>
    </section>
  )
}

function OnDuplicateChoice({ value }: { value: OnDuplicate }) {
  const { t } = useTranslation()
  return (
    <fieldset className="checkbox-group">
      <legend>{t('people.import.onDuplicate')}</legend>
      {ON_DUPLICATE.map((choice) => (
        <label key={choice} className="checkbox">
          <input type="radio" name="on_duplicate" value={choice} defaultChecked={choice === value} />{' '}
          {t(`people.import.onDuplicates.${choice}`)}
        </label>
      ))}
    </fieldset>
  )
}

export function Preview({
  preview,
  onDuplicate,
  event,
  error,
}: {
  preview: ImportPreview
  onDuplicate: OnDuplicate
  event: { slug: string; title: LocalizedText } | null
  error?: FieldIssue | undefined
}) {
  const { t } = useTranslation()
  const { counts } = preview
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('people.import.previewTitle', { filename: preview.filename })}</h2>
      {event ? (
        <p className="notice">
          {t('invitations.import.invitingTo')} <LocalizedTextView value={event.title} />
          {preview.sessionsColumn !== null
            ? ` · ${t('invitations.import.sessionsRead', { column: preview.sessionsColumn })}`
            : ` · ${t('invitations.import.noSessionsColumn')}`}
        </p>
      ) : null}
      <p className="muted">
        {t('people.import.format', { format: preview.format.toUpperCase() })}
        {preview.encoding
          ? ` · ${t('people.import.encodingUsed', { encoding: preview.encoding.toUpperCase() })}`
          : null}
        {preview.ignoredColumns.length > 0
          ? ` · ${t('people.import.ignoredColumns', { columns: preview.ignoredColumns.join(t('app.listSeparator')) })}`
          : null}
      </p>
      <dl className="import-counts" aria-label={t('people.import.countsTitle')}>
        <div>
          <dt>{t('people.import.total')}</dt>
          <dd data-count="total">{counts.total}</dd>
        </div>
        {(['valid', 'duplicate', 'invalid'] as const).map((status) => (
          <div key={status}>
            <dt>{t(`people.import.statuses.${status}`)}</dt>
            <dd data-count={status}>{counts[status]}</dd>
          </div>
        ))}
      </dl>
      {error ? (
        <p className="error-summary" role="alert">
          {t(error.key, error.values ?? {})}
        </p>
      ) : null}
      {counts.invalid > 0 ? (
        <>
          <p className="error-summary" role="alert">
            {t('people.import.fixFirst', { count: counts.invalid })}
          </p>
          <p>
            <a href={problemsHref(preview.importId, event?.slug ?? '')} download>
              {t('people.import.downloadProblems', { count: counts.invalid })}
            </a>
          </p>
          {counts.valid + counts.duplicate > 0 ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="skip_invalid" value="1" />
              <input type="hidden" name="import_id" value={preview.importId} />
              <input type="hidden" name="event" value={event?.slug ?? ''} />
              {counts.duplicate > 0 ? <OnDuplicateChoice value={onDuplicate} /> : null}
              {counts.duplicate === 0 ? <input type="hidden" name="on_duplicate" value={onDuplicate} /> : null}
              <p>
                <button type="submit" className="button button-secondary">
                  {t('people.import.commitValid', {
                    count: counts.valid + counts.duplicate,
                    invalid: counts.invalid,
                  })}
                </button>
              </p>
            </Form>
          ) : null}
        </>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="import_id" value={preview.importId} />
          <input type="hidden" name="event" value={event?.slug ?? ''} />
          {counts.duplicate > 0 ? <OnDuplicateChoice value={onDuplicate} /> : null}
          {counts.duplicate === 0 ? <input type="hidden" name="on_duplicate" value={onDuplicate} /> : null}
          <p>
            <button type="submit" className="button">
              {t('people.import.commit')}
            </button>
          </p>
        </Form>
      )}
      <p className="muted">{t('people.import.shown', { shown: preview.rows.length, total: counts.total })}</p>
      <DataTable
        head={
          <>
            <th scope="col">{t('people.import.row')}</th>
            <th scope="col">{t('people.import.verdict')}</th>
            <th scope="col">{t('people.table.nativeName')}</th>
            <th scope="col">{t('people.table.latinName')}</th>
            <th scope="col">{t('people.table.email')}</th>
            <th scope="col">{t('people.table.organization')}</th>
            {preview.sessionsColumn !== null ? <th scope="col">{t('invitations.import.sessionsColumn')}</th> : null}
            <th scope="col">{t('people.import.problems')}</th>
          </>
        }
      >
        {preview.rows.map((row) => (
          <tr key={row.line} className={`verdict-${row.status}`}>
            <td>{row.line}</td>
            <td>
              <span className={`badge verdict-badge-${row.status}`}>{t(`people.import.statuses.${row.status}`)}</span>
            </td>
            <td>{[row.familyName, row.givenName].filter(Boolean).join(' ')}</td>
            <td>{row.latinName}</td>
            <td>{row.email}</td>
            <td>{row.organization}</td>
            {preview.sessionsColumn !== null ? <td>{row.sessions}</td> : null}
            <td>
              {row.notTheirs ? <p className="muted">{t('people.import.notTheirs')}</p> : null}
              {row.notes.length > 0 ? (
                <ul className="plain-list muted">
                  {row.notes.map(({ column, issue }) => (
                    <li key={`${column}-${String(issue.values?.session ?? '')}`}>
                      {t('people.import.problem', { column, message: t(issue.key, issue.values ?? {}) })}
                    </li>
                  ))}
                </ul>
              ) : null}
              {row.errors.length > 0 ? (
                <ul className="plain-list">
                  {row.errors.map(({ column, issue }) => (
                    <li key={column}>
                      {t('people.import.problem', { column, message: t(issue.key, issue.values ?? {}) })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}

/** The upload: the file, its encoding, the event to invite to, and what to do with duplicates. */
export function UploadForm({
  events,
  chosenEvent,
  result,
}: {
  events: PeopleImportPage['events']
  chosenEvent: string
  result: ImportActionResult | undefined
}) {
  const { t } = useTranslation()
  return (
    <Form method="post" encType="multipart/form-data" className="card stack">
      {result?.preview ? <h2>{t('people.import.uploadAgain')}</h2> : null}
      <input type="hidden" name="intent" value="preview" />
      <div className="field">
        <label htmlFor="file">{t('people.import.file')}</label>
        <input
          id="file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="file-hint"
        />
        <span id="file-hint" className="muted">
          {t('people.import.fileHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="encoding">{t('people.import.encoding')}</label>
        <select id="encoding" name="encoding" defaultValue="auto">
          {IMPORT_ENCODINGS.map((encoding) => (
            <option key={encoding} value={encoding}>
              {t(`people.import.encodings.${encoding}`)}
            </option>
          ))}
        </select>
      </div>
      {events.length > 0 ? (
        <div className="field">
          <label htmlFor="event">{t('invitations.import.inviteTo')}</label>
          <select id="event" name="event" defaultValue={chosenEvent} aria-describedby="event-hint">
            <option value="">{t('invitations.import.noEvent')}</option>
            {events.map((e) => (
              <option key={e.slug} value={e.slug}>
                {e.title.text}
              </option>
            ))}
          </select>
          <span id="event-hint" className="muted">
            {t('invitations.import.inviteHint')}
          </span>
        </div>
      ) : null}
      <OnDuplicateChoice value={result?.preview ? result.onDuplicate : 'skip'} />
      <p>
        <button type="submit" className="button">
          {t('people.import.submit')}
        </button>
      </p>
    </Form>
  )
}

/** The columns a file may have, the header names each is known by, and what each means. */
export function ImportColumns() {
  const { t } = useTranslation()
  return (
    <section className="card stack" aria-labelledby="columns-title">
      <h2 id="columns-title">{t('people.import.columnsTitle')}</h2>
      <p>{t('people.import.columnsIntro')}</p>
      <p>
        <a className="button button-secondary" href="/people/import/template.xlsx" download>
          {t('people.template.download')}
        </a>
      </p>
      <DataTable
        head={
          <>
            <th scope="col">{t('people.import.column')}</th>
            <th scope="col">{t('people.import.headerNames')}</th>
            <th scope="col">{t('people.import.meaning')}</th>
          </>
        }
      >
        {IMPORT_COLUMNS.map((column) => (
          <tr key={column}>
            <th scope="row">
              <code>{column}</code>
            </th>
            <td>{COLUMN_ALIASES[column].join(' · ')}</td>
            <td>{t(`people.columns.${column}`)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">
            <code>sessions</code>
          </th>
          <td>{SESSIONS_ALIASES.join(' · ')}</td>
          <td>{t('people.columns.sessions')}</td>
        </tr>
      </DataTable>
    </section>
  )
}
