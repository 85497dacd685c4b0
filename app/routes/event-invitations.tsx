import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import type { InvitationStatus } from '../../db/schema'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField, pickLocalized } from '../i18n/localized'
import { displayName, secondaryName } from '../people/names'
import {
  findInvitation,
  INVITATION_LIST_LIMIT,
  invitationMailProgress,
  listInvitations,
} from '../registration/invitation-list.server'
import {
  changeInvitationLink,
  invitationFunnel,
  invitationLink,
  queueInvitations,
  type SendMode,
  type SendResult,
} from '../registration/invitations.server'
import { INVITATION_STATUSES, isInvitationStatus } from '../registration/registration-filter'
import { sessionTitles } from '../registration/registration-list.server'
import { CopyField } from '../ui/primitives/copy-field'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { ActionNotice, type Notice, useFocusOnMount } from '../ui/primitives/notice'
import { PersonNameCell } from '../ui/primitives/person-name'
import { useRevalidateWhile } from '../ui/primitives/revalidate-while'
import type { FieldIssue } from '../validation/field-errors'
import type { Route } from './+types/event-invitations'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

type LinkAction = 'revoke' | 'reissue'
interface ConfirmLink {
  action: LinkAction
  id: string
  name: string
}

function readFilter(url: URL): { q: string; status: InvitationStatus | '' } {
  const status = url.searchParams.get('status')
  return { q: (url.searchParams.get('q') ?? '').slice(0, 200), status: isInvitationStatus(status) ? status : '' }
}

/** The notice a redirect here carries: drafts created from the directory, or an import that invited. */
function redirectNotice(url: URL): Notice | null {
  const n = (name: string) => Number.parseInt(url.searchParams.get(name) ?? '0', 10) || 0
  if (url.searchParams.get('imported') === '1') {
    return {
      tone: 'ok',
      messages: [
        {
          key: 'invitations.notices.imported',
          values: { created: n('created'), updated: n('updated'), skipped: n('skipped') },
        },
        { key: 'invitations.notices.invited', values: { created: n('invited'), already: n('already') } },
      ],
    }
  }
  if (url.searchParams.has('invited')) {
    return {
      tone: 'ok',
      messages: [{ key: 'invitations.notices.invited', values: { created: n('invited'), already: n('already') } }],
    }
  }
  return null
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, canEdit } = await requireEventAccess(request, context, params.slug, 'event.view')
  const { db, config } = context.get(appContext)
  const lng = getLanguage(context)
  const url = new URL(request.url)
  const filter = readFilter(url)
  const [funnel, list, progress, titles] = await Promise.all([
    invitationFunnel(db, event.id),
    listInvitations(db, event.id, { q: filter.q, status: filter.status || undefined }),
    invitationMailProgress(db, event.id),
    sessionTitles(db, event.id),
  ])
  const confirmParam = url.searchParams.get('confirm')
  const confirmAction: LinkAction | null = confirmParam === 'revoke' || confirmParam === 'reissue' ? confirmParam : null
  const confirming =
    canEdit && confirmAction ? await findInvitation(db, event.id, url.searchParams.get('invitation') ?? '') : null
  const confirm: ConfirmLink | null =
    confirming && confirmAction
      ? { action: confirmAction, id: confirming.id, name: displayName(confirming.name, lng) }
      : null
  const when = (iso: string | null) => (iso ? formatDateTime(iso, event.timezone, lng) : null)
  return {
    pageTitle: getI18n(context).t('invitations.title'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    canEdit,
    published: event.status === 'published',
    filter,
    funnel,
    progress,
    limit: INVITATION_LIST_LIMIT,
    matched: list.matched,
    total: list.total,
    redirectNotice: redirectNotice(url),
    confirm,
    invitations: list.items.map((i) => ({
      id: i.id,
      status: i.status,
      name: displayName(i, lng),
      secondary: secondaryName(i, lng),
      organization: i.organization ? pickLocalized(i.organization, lng) : null,
      email: i.email,
      language: i.language,
      vip: i.vip,
      sent: when(i.sentAt),
      reminded: when(i.remindedAt),
      answered: when(i.respondedAt),
      sessions: i.sessionIds.flatMap((id) => {
        const title = titles.get(id)
        return title ? [{ id, title: pickLocalized(title, lng) }] : []
      }),
      // The personal link opens the delegate's registration: organizers only, never viewers.
      link: canEdit ? invitationLink(config, { token_nonce: i.tokenNonce }) : null,
    })),
  }
}

const MAX_SELECTED = 5000
const BULK: Record<string, { mode: SendMode; all: boolean }> = {
  send_selected: { mode: 'send', all: false },
  resend_selected: { mode: 'resend', all: false },
  send_all: { mode: 'send', all: true },
  remind_all: { mode: 'remind', all: true },
}

/** What a send did, in words. For "all", invitations the action does not apply to were never meant, so go unmentioned. */
function queuedNotice(mode: SendMode, all: boolean, result: SendResult): Notice {
  const messages: FieldIssue[] = []
  if (result.queued > 0) {
    messages.push({
      key: mode === 'remind' ? 'invitations.notices.reminded' : 'invitations.notices.queued',
      values: { count: result.queued },
    })
  }
  if (result.noEmail > 0) messages.push({ key: 'invitations.notices.noEmail', values: { count: result.noEmail } })
  if (result.skipped > 0 && !all)
    messages.push({ key: 'invitations.notices.skipped', values: { count: result.skipped } })
  if (messages.length === 0) messages.push({ key: 'invitations.notices.nothingToSend' })
  return { tone: result.queued > 0 ? 'ok' : 'error', messages }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config, ip } = context.get(appContext)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const actor = { userId: user.id, ip }
  const bulk = BULK[intent]
  if (bulk) {
    const ids = form.getAll('id').filter((v): v is string => typeof v === 'string' && v !== '')
    if (!bulk.all && ids.length === 0) {
      return data({ notice: { tone: 'error', messages: [{ key: 'invitations.notices.noneSelected' }] } as Notice }, 400)
    }
    if (ids.length > MAX_SELECTED) throw data({ code: 'bad_request' }, { status: 400 })
    const result = await queueInvitations(db, config.sessionSecret, event.id, bulk.all ? 'all' : ids, bulk.mode, actor)
    return { notice: queuedNotice(bulk.mode, bulk.all, result) }
  }
  if (intent === 'revoke' || intent === 'reissue') {
    const invitation = await findInvitation(db, event.id, String(form.get('invitation_id') ?? ''))
    if (!invitation) {
      return data({ notice: { tone: 'error', messages: [{ key: 'invitations.notices.notFound' }] } as Notice }, 404)
    }
    await changeInvitationLink(db, config.sessionSecret, event.id, invitation.id, intent, actor)
    const name = displayName(invitation.name, getLanguage(context))
    const key = intent === 'revoke' ? 'invitations.notices.revoked' : 'invitations.notices.reissued'
    return { notice: { tone: 'ok', messages: [{ key, values: { name } }] } as Notice }
  }
  throw data({ code: 'bad_request' }, { status: 400 })
}

function Confirm({ confirm, listPath }: { confirm: ConfirmLink; listPath: string }) {
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

export default function EventInvitations({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const listPath = `${base}/invitations`
  const query = new URLSearchParams()
  if (d.filter.q) query.set('q', d.filter.q)
  if (d.filter.status) query.set('status', d.filter.status)
  const filteredPath = query.size > 0 ? `${listPath}?${query}` : listPath
  const confirmHref = (action: string, id: string) => {
    const q = new URLSearchParams(query)
    q.set('confirm', action)
    q.set('invitation', id)
    return `${listPath}?${q}`
  }
  useRevalidateWhile(d.progress.queued > 0)
  useEffect(() => {
    // After an action, start from a clean selection (the rows' statuses have changed).
    if (actionData?.notice.tone === 'ok') document.querySelector<HTMLFormElement>('form#bulk')?.reset()
  }, [actionData])
  const f = d.funnel
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">
          <Link to={base}>
            <LocalizedTextView value={d.eventTitle} />
          </Link>
        </p>
        <h1>{t('invitations.title')}</h1>
        <p className="muted">{t('invitations.intro')}</p>
      </header>
      <nav className="toolbar" aria-label={t('invitations.actions.pages')}>
        {d.canEdit ? (
          <>
            <Link className="button" to={`${listPath}/new`}>
              {t('invitations.actions.inviteFromDirectory')}
            </Link>
            <Link className="button button-secondary" to={`/people/import?event=${encodeURIComponent(d.slug)}`}>
              {t('invitations.actions.importList')}
            </Link>
          </>
        ) : null}
        <Link className="button button-secondary" to={`${base}/registrations`}>
          {t('invitations.actions.registrations')}
        </Link>
      </nav>

      {d.canEdit && !d.published ? <p className="warning">{t('invitations.notPublished')}</p> : null}
      <ActionNotice notice={actionData?.notice ?? d.redirectNotice} version={actionData} />
      {d.confirm ? (
        <Confirm key={`${d.confirm.action}-${d.confirm.id}`} confirm={d.confirm} listPath={filteredPath} />
      ) : null}

      <section className="card" aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t('invitations.funnel.title')}</h2>
        <dl className="funnel">
          {(
            [
              ['invited', f.invited],
              ['sent', f.sent],
              ['registered', f.registered],
              ['declined', f.declined],
              ['noAnswer', f.noAnswer],
              ['draft', f.draft],
              ['queued', f.queued],
              ['failed', f.failed],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className={`funnel-${key}`}>
              <dt>{t(`invitations.funnel.${key}`)}</dt>
              <dd data-count={key}>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="muted mail-progress" role="status" data-queued={d.progress.queued}>
          {d.progress.queued > 0
            ? t('invitations.progress.sending', d.progress)
            : d.progress.sent + d.progress.failed > 0
              ? t('invitations.progress.done', d.progress)
              : t('invitations.progress.none')}
        </p>
      </section>

      <Form method="get" className="card people-search" role="search" aria-label={t('invitations.search.legend')}>
        <div className="field">
          <label htmlFor="q">{t('invitations.search.q')}</label>
          <input id="q" name="q" type="search" defaultValue={d.filter.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="status">{t('invitations.search.status')}</label>
          <select id="status" name="status" defaultValue={d.filter.status}>
            <option value="">{t('invitations.search.anyStatus')}</option>
            {INVITATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`invitations.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="people-search-actions">
          <button type="submit" className="button">
            {t('invitations.search.submit')}
          </button>{' '}
          <Link to={listPath}>{t('invitations.search.clear')}</Link>
        </p>
      </Form>

      <p className="muted" role="status">
        {t('invitations.counts', { matched: d.matched, total: d.total })}
        {d.matched > d.invitations.length ? ` ${t('invitations.limited', { limit: d.limit })}` : null}
      </p>

      {d.canEdit ? (
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
            <button type="submit" name="intent" value="send_all" className="button button-secondary">
              {t('invitations.actions.sendAll', { count: f.draft + f.failed })}
            </button>
            <button type="submit" name="intent" value="remind_all" className="button button-secondary">
              {t('invitations.actions.remindAll', { count: f.noAnswer })}
            </button>
          </div>
        </Form>
      ) : null}

      {d.invitations.length === 0 ? (
        <p className="card muted">{d.total === 0 ? t('invitations.emptyEvent') : t('invitations.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table invitations-table">
            <caption className="visually-hidden">{t('invitations.table.caption')}</caption>
            <thead>
              <tr>
                {d.canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('invitations.table.select')}</span>
                    <SelectAll label={t('invitations.table.selectAll')} />
                  </th>
                ) : null}
                <th scope="col">{t('invitations.table.name')}</th>
                <th scope="col">{t('invitations.table.organization')}</th>
                <th scope="col">{t('invitations.table.email')}</th>
                <th scope="col">{t('invitations.table.language')}</th>
                <th scope="col">{t('invitations.table.vip')}</th>
                <th scope="col">{t('invitations.table.status')}</th>
                <th scope="col">{t('invitations.table.sent')}</th>
                <th scope="col">{t('invitations.table.answered')}</th>
                <th scope="col">{t('invitations.table.sessions')}</th>
                {d.canEdit ? <th scope="col">{t('invitations.table.link')}</th> : null}
              </tr>
            </thead>
            <tbody>
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
                  </th>
                  <td className="cell-wide">{i.organization ? <LocalizedTextView value={i.organization} /> : null}</td>
                  <td>{i.email ?? <span className="muted">{t('invitations.table.noEmail')}</span>}</td>
                  <td>{t(`languages.${i.language}`)}</td>
                  <td>{i.vip ? <span className="badge">{t('invitations.table.vip')}</span> : null}</td>
                  <td>
                    <span className={`badge invitation-${i.status}`}>{t(`invitations.statuses.${i.status}`)}</span>
                  </td>
                  <td className="cell-when">
                    {i.sent}
                    {i.reminded ? (
                      <span className="person-name-secondary">
                        {t('invitations.table.reminded', { when: i.reminded })}
                      </span>
                    ) : null}
                  </td>
                  <td className="cell-when">{i.answered}</td>
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
                        <span className="muted">{t('invitations.table.noLink')}</span>
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
