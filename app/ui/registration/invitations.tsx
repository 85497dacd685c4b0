/**
 * The invitations page's sections (app/routes/event-invitations.tsx): the confirmation of a
 * link's revocation or reissue, the funnel and the mails' progress, the search, the bulk sends,
 * and the invitations with their personal links (for organizers).
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import type { ConfirmLink, InvitationsPage } from '../../registration/invitations-page.server'
import { isSortKey, type SortDirection } from '../../registration/list-paging'
import { INVITATION_SORTS, INVITATION_STATUSES, type InvitationSort } from '../../registration/registration-filter'
import { PeopleSearchForm, SearchTextFilter } from '../people/people-search'
import { ChoiceFilter } from '../primitives/choice-filter'
import { CopyField } from '../primitives/copy-field'
import { DataTable } from '../primitives/data-table'
import { LocalizedTextView } from '../primitives/localized-text'
import { useFocusOnMount } from '../primitives/notice'
import { SortHeading } from '../primitives/pager'
import { PersonNameCell } from '../primitives/person-name'

export function InvitationConfirm({ confirm, listPath }: { confirm: ConfirmLink; listPath: string }) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const { action, name } = confirm
  return (
    <section className="card danger" aria-labelledby="confirm-title">
      <h2 id="confirm-title" ref={heading} tabIndex={-1}>
        {t(`invitations.confirm.${action}Title`, { name })}
      </h2>
      <p>{t(`invitations.confirm.${action}Text`)}</p>
      <Form method="post" action={listPath} className="form-actions">
        <input type="hidden" name="intent" value={action} />
        <input type="hidden" name="invitation_id" value={confirm.id} />
        <button type="submit" className={action === 'revoke' ? 'button button-danger' : 'button'}>
          {t(`invitations.confirm.${action}Yes`)}
        </button>
        <Link to={listPath}>{t('invitations.confirm.keep')}</Link>
      </Form>
    </section>
  )
}

function SelectAll({ label }: { label: string }) {
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  if (!ready) return null
  return (
    <input
      type="checkbox"
      form="bulk"
      aria-label={label}
      onChange={(e) => {
        for (const box of document.querySelectorAll<HTMLInputElement>('input[form="bulk"][name="id"]')) {
          box.checked = e.currentTarget.checked
        }
      }}
    />
  )
}

/** How many invitations are at each step, and how the mails are going. */
export function FunnelSection({
  funnel,
  progress,
}: {
  funnel: InvitationsPage['funnel']
  progress: InvitationsPage['progress']
}) {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="funnel-title">
      <h2 id="funnel-title">{t('invitations.funnel.title')}</h2>
      <dl className="funnel">
        {(
          [
            ['invited', funnel.invited],
            ['sent', funnel.sent],
            ['registered', funnel.registered],
            ['declined', funnel.declined],
            ['noAnswer', funnel.noAnswer],
            ['draft', funnel.draft],
            ['queued', funnel.queued],
            ['failed', funnel.failed],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className={`funnel-${key}`}>
            <dt>{t(`invitations.funnel.${key}`)}</dt>
            <dd data-count={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted mail-progress" role="status" data-queued={progress.queued}>
        {progress.queued > 0
          ? t('invitations.progress.sending', { ...progress })
          : progress.sent + progress.failed > 0
            ? t('invitations.progress.done', { ...progress })
            : t('invitations.progress.none')}
      </p>
    </section>
  )
}

/** The search: text and status. */
export function InvitationSearch({ filter, listPath }: { filter: InvitationsPage['filter']; listPath: string }) {
  const { t } = useTranslation()
  return (
    <PeopleSearchForm
      label={t('invitations.search.legend')}
      clearTo={listPath}
      submitLabel={t('invitations.search.submit')}
      clearLabel={t('invitations.search.clear')}
    >
      <SearchTextFilter label={t('invitations.search.q')} value={filter.q} />
      <ChoiceFilter
        name="status"
        label={t('invitations.search.status')}
        anyLabel={t('invitations.search.anyStatus')}
        value={filter.status}
        options={INVITATION_STATUSES.map((s) => ({ value: s, label: t(`invitations.statuses.${s}`) }))}
      />
    </PeopleSearchForm>
  )
}

/** Send or resend the rows ticked, send every draft, remind everyone who has not answered. */
export function BulkActions({ filteredPath }: { filteredPath: string }) {
  const { t } = useTranslation()
  const [listPath, query = ''] = filteredPath.split('?')
  const bulkHref = (mode: 'send' | 'remind') => `${listPath}/send?mode=${mode}${query ? `&${query}` : ''}`
  return (
    <Form method="post" action={filteredPath} id="bulk" className="card stack bulk-actions">
      <p className="hint" id="bulk-hint">
        {t('invitations.actions.selectedHint')}
      </p>
      <div className="toolbar">
        <button type="submit" name="intent" value="send_selected" className="button" aria-describedby="bulk-hint">
          {t('invitations.actions.sendSelected')}
        </button>
        <button
          type="submit"
          name="intent"
          value="resend_selected"
          className="button button-secondary"
          aria-describedby="bulk-hint"
        >
          {t('invitations.actions.resendSelected')}
        </button>
        {/* Many at once: a page that shows who and the mail in each language, then confirms (issue 19). */}
        <Link className="button button-secondary" to={bulkHref('send')} data-bulk="send">
          {t('invitations.actions.sendAll')}
        </Link>
        <Link className="button button-secondary" to={bulkHref('remind')} data-bulk="remind">
          {t('invitations.actions.remindAll')}
        </Link>
      </div>
    </Form>
  )
}

// At 1366 px the table fits without scrolling sideways: the email sits under the name, VIP under
// the language, the answer's date under the status (issue 19).
const COLUMNS = ['name', 'organization', 'language', 'status', 'sent', 'sessions'] as const

/** The invitations found; an organizer ticks rows for the bulk sends and copies, revokes or reissues links. */
export function InvitationsTable({
  d,
  confirmHref,
  sortHref,
}: {
  d: InvitationsPage
  confirmHref: (action: string, id: string) => string
  sortHref: (sort: InvitationSort, dir: SortDirection) => string
}) {
  const { t } = useTranslation()
  return d.invitations.length === 0 ? (
    <p className="card muted">{d.total === 0 ? t('invitations.emptyEvent') : t('invitations.empty')}</p>
  ) : (
    <DataTable
      className="invitations-table"
      caption={t('invitations.table.caption')}
      head={
        <>
          {d.canEdit ? (
            <th scope="col">
              <span className="visually-hidden">{t('invitations.table.select')}</span>
              <SelectAll label={t('invitations.table.selectAll')} />
            </th>
          ) : null}
          {COLUMNS.map((column) =>
            isSortKey(INVITATION_SORTS, column) ? (
              <SortHeading
                key={column}
                column={column}
                label={t(`invitations.table.${column}`)}
                paging={d.paging}
                href={sortHref}
              />
            ) : (
              <th key={column} scope="col">
                {t(`invitations.table.${column}`)}
              </th>
            ),
          )}
          {d.canEdit ? <th scope="col">{t('invitations.table.link')}</th> : null}
        </>
      }
    >
      {d.invitations.map((i) => (
        <tr key={i.id} data-invitation={i.id}>
          {d.canEdit ? (
            <td>
              <input
                type="checkbox"
                form="bulk"
                name="id"
                value={i.id}
                aria-label={t('invitations.table.selectRow', { name: i.name })}
              />
            </td>
          ) : null}
          <th scope="row" className="name-cell">
            <PersonNameCell name={i.name} secondary={i.secondary} />
            <span className="cell-email">
              {i.email ?? <span className="muted">{t('invitations.table.noEmail')}</span>}
            </span>
          </th>
          <td className="cell-wide">{i.organization ? <LocalizedTextView value={i.organization} /> : null}</td>
          <td>
            {t(`languages.${i.language}`)}
            {i.vip ? (
              <>
                {' '}
                <span className="badge">{t('invitations.table.vip')}</span>
              </>
            ) : null}
          </td>
          <td>
            <span className={`badge invitation-${i.status}`}>{t(`invitations.statuses.${i.status}`)}</span>
            {i.answered ? (
              <span className="person-name-secondary">{t('invitations.table.answeredAt', { when: i.answered })}</span>
            ) : null}
          </td>
          <td className="cell-when">
            {i.sent}
            {i.reminded ? (
              <span className="person-name-secondary">{t('invitations.table.reminded', { when: i.reminded })}</span>
            ) : null}
          </td>
          <td className="cell-wide">
            {i.sessions.length === 0 ? (
              <span className="muted">{t('invitations.table.allSessions')}</span>
            ) : (
              <ul className="plain-list">
                {i.sessions.map((s) => (
                  <li key={s.id}>
                    <LocalizedTextView value={s.title} />
                  </li>
                ))}
              </ul>
            )}
          </td>
          {d.canEdit ? (
            <td className="link-cell">
              {i.link ? (
                <CopyField
                  value={i.link}
                  label={t('invitations.table.linkFor', { name: i.name })}
                  copyLabel={t('invitations.actions.copy')}
                  copyFor={t('invitations.actions.copyFor', { name: i.name })}
                  copiedLabel={t('invitations.actions.copied')}
                />
              ) : (
                <span className="muted">
                  {t(i.status === 'draft' ? 'invitations.table.noLinkYet' : 'invitations.table.linkRevoked')}
                </span>
              )}
              <span className="row-actions">
                {i.link ? (
                  <Link
                    to={confirmHref('revoke', i.id)}
                    aria-label={t('invitations.actions.revokeFor', { name: i.name })}
                  >
                    {t('invitations.actions.revoke')}
                  </Link>
                ) : null}
                <Link
                  to={confirmHref('reissue', i.id)}
                  aria-label={t('invitations.actions.reissueFor', { name: i.name })}
                >
                  {t('invitations.actions.reissue')}
                </Link>
              </span>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  )
}
