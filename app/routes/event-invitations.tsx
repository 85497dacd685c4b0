import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { data, Link } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { displayName } from '../people/names'
import { findInvitation } from '../registration/invitation-list.server'
import {
  changeInvitationLink,
  queueInvitations,
  type SendMode,
  type SendResult,
} from '../registration/invitations.server'
import { type InvitationsPage, invitationsPage } from '../registration/invitations-page.server'
import { pagingQuery } from '../registration/list-paging'
import { INVITATION_SORTS, invitationQueryString } from '../registration/registration-filter'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { ActionNotice, type Notice } from '../ui/primitives/notice'
import { PageHeader } from '../ui/primitives/page-header'
import { Pager } from '../ui/primitives/pager'
import { useRevalidateWhile } from '../ui/primitives/revalidate-while'
import {
  BulkActions,
  FunnelSection,
  InvitationConfirm,
  InvitationSearch,
  InvitationsTable,
} from '../ui/registration/invitations'
import type { FieldIssue } from '../validation/field-errors'
import type { Route } from './+types/event-invitations'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

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
  const access = await requireEventAccess(request, context, params.slug, 'event.view')
  const { db, config } = context.get(appContext)
  const url = new URL(request.url)
  const page = await invitationsPage(db, config, access, url.searchParams, getLanguage(context))
  return { ...page, pageTitle: getI18n(context).t('invitations.title'), redirectNotice: redirectNotice(url) }
}

const MAX_SELECTED = 5000
// The rows ticked. Sending or reminding everyone listed goes through the confirmation page
// (event-bulk-send.tsx, ADR 0023), never straight from here.
const BULK: Record<string, { mode: SendMode; all: false }> = {
  send_selected: { mode: 'send', all: false },
  resend_selected: { mode: 'resend', all: false },
}

/** What a send of the ticked rows did, in words. */
function queuedNotice(mode: SendMode, result: SendResult): Notice {
  const messages: FieldIssue[] = []
  if (result.queued > 0) {
    messages.push({
      key: mode === 'remind' ? 'invitations.notices.reminded' : 'invitations.notices.queued',
      values: { count: result.queued },
    })
  }
  if (result.noEmail > 0) messages.push({ key: 'invitations.notices.noEmail', values: { count: result.noEmail } })
  if (result.skipped > 0) messages.push({ key: 'invitations.notices.skipped', values: { count: result.skipped } })
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
    if (ids.length === 0) {
      return data({ notice: { tone: 'error', messages: [{ key: 'invitations.notices.noneSelected' }] } as Notice }, 400)
    }
    if (ids.length > MAX_SELECTED) throw data({ code: 'bad_request' }, { status: 400 })
    const result = await queueInvitations(db, config.sessionSecret, event.id, ids, bulk.mode, actor)
    return { notice: queuedNotice(bulk.mode, result) }
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

export default function EventInvitations({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const listPath = `${base}/invitations`
  const query = new URLSearchParams(invitationQueryString(d.filter))
  const filteredPath = query.size > 0 ? `${listPath}?${query}` : listPath
  const listHref = (change: Partial<InvitationsPage['paging']>) => {
    const q = pagingQuery(query.toString(), d.paging, { sort: INVITATION_SORTS[0] }, change)
    return q ? `${listPath}?${q}` : listPath
  }
  const confirmHref = (action: string, id: string) => {
    const q = new URLSearchParams(pagingQuery(query.toString(), d.paging, { sort: INVITATION_SORTS[0] }, {}))
    q.set('confirm', action)
    q.set('invitation', id)
    return `${listPath}?${q}`
  }
  useRevalidateWhile(d.progress.queued > 0)
  useEffect(() => {
    // After an action, start from a clean selection (the rows' statuses have changed).
    if (actionData?.notice.tone === 'ok') document.querySelector<HTMLFormElement>('form#bulk')?.reset()
  }, [actionData])
  return (
    <section className="stack">
      <PageHeader
        back={base}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={t('invitations.title')}
        intro={t('invitations.intro')}
      />
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
        <InvitationConfirm key={`${d.confirm.action}-${d.confirm.id}`} confirm={d.confirm} listPath={filteredPath} />
      ) : null}
      <FunnelSection funnel={d.funnel} progress={d.progress} />
      <InvitationSearch filter={d.filter} listPath={listPath} />
      <p className="muted" role="status">
        {t('invitations.counts', { matched: d.matched, total: d.total })}
      </p>
      {d.pagingIssues.length > 0 ? (
        <p className="warning" role="alert">
          {d.pagingIssues.map((issue) => t(issue.key, issue.values)).join(' ')}
        </p>
      ) : null}
      {d.canEdit ? <BulkActions filteredPath={filteredPath} /> : null}
      <Pager window={d.window} matched={d.matched} href={(page) => listHref({ page })} />
      <InvitationsTable d={d} confirmHref={confirmHref} sortHref={(sort, dir) => listHref({ sort, dir, page: 1 })} />
      <Pager window={d.window} matched={d.matched} href={(page) => listHref({ page })} />
    </section>
  )
}
