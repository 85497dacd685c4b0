import { useTranslation } from 'react-i18next'
import { data } from 'react-router'
import { setBadgeRole } from '../checkin/badges.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { displayName } from '../people/names'
import { pagingQuery } from '../registration/list-paging'
import { approveRegistration, cancelRegistration, reissueTicket } from '../registration/registration.server'
import { REGISTRATION_SORTS, registrationQueryString } from '../registration/registration-filter'
import { findRegistration } from '../registration/registration-list.server'
import { type RegistrationsPage, registrationsPage } from '../registration/registrations-page.server'
import { promoteByHand } from '../registration/seats.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { ActionNotice, type Notice } from '../ui/primitives/notice'
import { PageHeader } from '../ui/primitives/page-header'
import { Pager } from '../ui/primitives/pager'
import {
  RegistrationConfirm,
  type RegistrationPaths,
  RegistrationSearch,
  RegistrationsTable,
  RegistrationsToolbar,
  SeatsSection,
} from '../ui/registration/registrations'
import type { Route } from './+types/event-registrations'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireEventAccess(request, context, params.slug, 'event.view')
  const page = await registrationsPage(
    context.get(appContext).db,
    access,
    new URL(request.url).searchParams,
    getLanguage(context),
  )
  return { ...page, pageTitle: getI18n(context).t('invitations.registrations.title') }
}

const NOT_DONE: Record<string, string> = {
  not_found: 'invitations.registrations.notices.notFound',
  not_pending: 'invitations.registrations.notices.notPending',
  already_cancelled: 'invitations.registrations.notices.alreadyCancelled',
  not_confirmed: 'invitations.registrations.notices.promoteNotConfirmed',
  not_waiting: 'invitations.registrations.notices.notWaiting',
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config, ip } = context.get(appContext)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  if (
    intent !== 'approve' &&
    intent !== 'cancel' &&
    intent !== 'reissue' &&
    intent !== 'badge_role' &&
    intent !== 'promote'
  ) {
    throw data({ code: 'bad_request' }, { status: 400 })
  }
  const registration = await findRegistration(db, event.id, String(form.get('registration_id') ?? ''))
  const refused = (reason: string, status: number) =>
    data(
      { notice: { tone: 'error', messages: [{ key: NOT_DONE[reason] ?? NOT_DONE.not_found }] } as Notice },
      { status },
    )
  if (!registration) return refused('not_found', 404)
  const actor = { userId: user.id, ip }
  const name = displayName(registration.name, getLanguage(context))
  const done = (key: string, values: Record<string, string | number> = {}): { notice: Notice } => ({
    notice: { tone: 'ok', messages: [{ key, values: { name, ...values } }] },
  })
  if (intent === 'badge_role') {
    const role = String(form.get('badge_role') ?? '')
    const result = await setBadgeRole(db, event.id, registration.id, role === 'auto' ? null : role, actor)
    if (!result.ok) throw data({ code: 'bad_request' }, { status: 400 })
    const { t } = getI18n(context)
    return done('checkin.badges.roleSaved', {
      role: role === 'auto' ? t('checkin.badges.roleAuto') : t(`checkin.badges.roles.${role}`),
    })
  }
  if (intent === 'approve') {
    const result = await approveRegistration(db, config.sessionSecret, event.id, registration.id, actor)
    return result.ok ? done('invitations.registrations.notices.approved') : refused(result.reason, 409)
  }
  if (intent === 'promote') {
    const result = await promoteByHand(db, event.id, registration.id, String(form.get('session_id') ?? ''), actor)
    if (!result.ok) return refused(result.reason, result.reason === 'not_found' ? 404 : 409)
    return result.overCapacity && result.capacity !== null
      ? done('invitations.registrations.notices.promotedOver', { taken: result.taken, capacity: result.capacity })
      : done('invitations.registrations.notices.promoted')
  }
  if (intent === 'cancel') {
    const result = await cancelRegistration(db, event.id, registration.id, actor)
    return result.ok
      ? done('invitations.registrations.notices.cancelled', { promoted: result.promoted })
      : refused(result.reason, 409)
  }
  const result = await reissueTicket(db, config.sessionSecret, event.id, registration.id, actor)
  if (!result.ok) {
    return data(
      { notice: { tone: 'error', messages: [{ key: 'invitations.registrations.notices.notConfirmed' }] } as Notice },
      { status: 409 },
    )
  }
  return done('invitations.registrations.notices.reissued')
}

export default function EventRegistrations({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const listPath = `${base}/registrations`
  const query = new URLSearchParams(registrationQueryString(d.filter))
  const listHref = (change: Partial<RegistrationsPage['paging']>) => {
    const q = pagingQuery(query.toString(), d.paging, { sort: REGISTRATION_SORTS[0] }, change)
    return q ? `${listPath}?${q}` : listPath
  }
  const paths: RegistrationPaths = {
    listPath,
    query,
    filteredPath: query.size > 0 ? `${listPath}?${query}` : listPath,
    sortHref: (sort, dir) => listHref({ sort, dir, page: 1 }),
    confirmHref: (action, id, sessionId) => {
      const q = new URLSearchParams(pagingQuery(query.toString(), d.paging, { sort: REGISTRATION_SORTS[0] }, {}))
      q.set('confirm', action)
      q.set('registration', id)
      if (sessionId) q.set('session', sessionId)
      return `${listPath}?${q}`
    },
  }
  return (
    <section className="stack">
      <PageHeader
        back={base}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={t('invitations.registrations.title')}
        intro={t('invitations.registrations.intro')}
      />
      <RegistrationsToolbar d={d} base={base} paths={paths} />
      <ActionNotice notice={actionData?.notice} version={actionData} />
      {d.confirm ? (
        <RegistrationConfirm
          key={`${d.confirm.action}-${d.confirm.id}`}
          confirm={d.confirm}
          listPath={paths.filteredPath}
        />
      ) : null}
      <SeatsSection seats={d.seats} />
      <RegistrationSearch d={d} listPath={listPath} />
      <p className="muted" role="status">
        {t('invitations.registrations.counts', { matched: d.matched, total: d.total })}
      </p>
      {d.pagingIssues.length > 0 ? (
        <p className="warning" role="alert">
          {d.pagingIssues.map((issue) => t(issue.key, issue.values)).join(' ')}
        </p>
      ) : null}
      <Pager window={d.window} matched={d.matched} href={(page) => listHref({ page })} />
      <RegistrationsTable d={d} paths={paths} />
      <Pager window={d.window} matched={d.matched} href={(page) => listHref({ page })} />
    </section>
  )
}
