import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import { BADGE_ROLES } from '../checkin/badge-roles'
import { setBadgeRole } from '../checkin/badges.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField, pickLocalized } from '../i18n/localized'
import { displayName, secondaryName } from '../people/names'
import { approveRegistration, cancelRegistration, reissueTicket } from '../registration/registration.server'
import {
  REGISTRATION_STATUSES,
  readRegistrationQuery,
  registrationQueryString,
} from '../registration/registration-filter'
import {
  findRegistration,
  listRegistrations,
  REGISTRATION_LIST_LIMIT,
  registrationFilter,
  registrationFilterChoices,
  sessionSeats,
} from '../registration/registration-list.server'
import { promoteByHand } from '../registration/seats.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { ActionNotice, type Notice, useFocusOnMount } from '../ui/primitives/notice'
import { PersonNameCell } from '../ui/primitives/person-name'
import type { Route } from './+types/event-registrations'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

type RegistrationAction = 'cancel' | 'reissue' | 'promote'
interface ConfirmRegistration {
  action: RegistrationAction
  id: string
  name: string
  /** For a promotion: the session, and how full it is now. */
  session?: { id: string; title: string; taken: number; capacity: number | null }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, canEdit, user } = await requireEventAccess(request, context, params.slug, 'event.view')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const url = new URL(request.url)
  const isAdmin = user.isAdmin
  const filter = readRegistrationQuery(url.searchParams)
  const [list, seats, choices] = await Promise.all([
    listRegistrations(db, event.id, registrationFilter(filter)),
    sessionSeats(db, event.id),
    registrationFilterChoices(db, event.id),
  ])
  const confirmParam = url.searchParams.get('confirm')
  const confirmAction: RegistrationAction | null =
    confirmParam === 'cancel' || confirmParam === 'reissue' || confirmParam === 'promote' ? confirmParam : null
  const confirming =
    canEdit && confirmAction ? await findRegistration(db, event.id, url.searchParams.get('registration') ?? '') : null
  const titles = new Map(seats.map((s) => [s.id, pickLocalized(s.title, lng)]))
  const promoteTo =
    confirmAction === 'promote' ? seats.find((s) => s.id === url.searchParams.get('session')) : undefined
  const confirm: ConfirmRegistration | null =
    confirming && confirmAction && (confirmAction !== 'promote' || promoteTo)
      ? {
          action: confirmAction,
          id: confirming.id,
          name: displayName(confirming.name, lng),
          ...(promoteTo
            ? {
                session: {
                  id: promoteTo.id,
                  title: pickLocalized(promoteTo.title, lng).text,
                  taken: promoteTo.confirmed,
                  capacity: promoteTo.capacity,
                },
              }
            : {}),
        }
      : null
  return {
    isAdmin,
    pageTitle: getI18n(context).t('invitations.registrations.title'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    canEdit,
    filter,
    limit: REGISTRATION_LIST_LIMIT,
    matched: list.matched,
    total: list.total,
    choices,
    confirm,
    seats: seats.map((s) => ({ ...s, title: pickLocalized(s.title, lng) })),
    registrations: list.items.map((r) => ({
      id: r.id,
      status: r.status,
      name: displayName(r, lng),
      secondary: secondaryName(r, lng),
      organization: r.organization,
      title: r.title,
      email: r.email,
      vip: r.vip,
      hasTicket: r.hasTicket,
      badgeRole: r.badgeRole ?? (r.vip ? 'vip' : 'delegate'),
      badgeRoleChosen: r.badgeRole !== null,
      registered: formatDateTime(r.createdAt, event.timezone, lng),
      seats: r.seats.flatMap((s) => {
        const title = titles.get(s.sessionId)
        return title ? [{ id: s.sessionId, status: s.status, title }] : []
      }),
    })),
  }
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

function Confirm({ confirm, listPath }: { confirm: ConfirmRegistration; listPath: string }) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const { action, name, session } = confirm
  const full = session !== undefined && session.capacity !== null && session.taken >= session.capacity
  return (
    <section className="card danger" aria-labelledby="confirm-title">
      <h2 id="confirm-title" ref={heading} tabIndex={-1}>
        {t(`invitations.registrations.confirm.${action}Title`, { name, session: session?.title })}
      </h2>
      <p>
        {session && full
          ? t('invitations.registrations.confirm.promoteFullText', { taken: session.taken, capacity: session.capacity })
          : t(`invitations.registrations.confirm.${action}Text`)}
      </p>
      <Form method="post" action={listPath} className="form-actions">
        <input type="hidden" name="intent" value={action} />
        <input type="hidden" name="registration_id" value={confirm.id} />
        {session ? <input type="hidden" name="session_id" value={session.id} /> : null}
        <button type="submit" className={action === 'cancel' ? 'button button-danger' : 'button'}>
          {t(`invitations.registrations.confirm.${action}Yes`)}
        </button>
        <Link to={listPath}>{t('invitations.registrations.confirm.keep')}</Link>
      </Form>
    </section>
  )
}

export default function EventRegistrations({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const listPath = `${base}/registrations`
  const query = new URLSearchParams(registrationQueryString(d.filter))
  const filteredPath = query.size > 0 ? `${listPath}?${query}` : listPath
  const confirmHref = (action: string, id: string, sessionId?: string) => {
    const q = new URLSearchParams(query)
    q.set('confirm', action)
    q.set('registration', id)
    if (sessionId) q.set('session', sessionId)
    return `${listPath}?${q}`
  }
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">
          <Link to={base}>
            <LocalizedTextView value={d.eventTitle} />
          </Link>
        </p>
        <h1>{t('invitations.registrations.title')}</h1>
        <p className="muted">{t('invitations.registrations.intro')}</p>
      </header>
      <nav className="toolbar no-print" aria-label={t('invitations.actions.pages')}>
        <Link className="button button-secondary" to={`${listPath}/summary`}>
          {t('invitations.registrations.actions.summary')}
        </Link>
        <a
          className="button button-secondary"
          href={`${listPath}/export.csv${query.size > 0 ? `?${query}` : ''}`}
          download
        >
          {t('invitations.registrations.actions.exportCsv')}
        </a>
        <a
          className="button button-secondary"
          href={`${listPath}/export.xlsx${query.size > 0 ? `?${query}` : ''}`}
          download
        >
          {t('invitations.registrations.actions.exportXlsx')}
        </a>
        {d.isAdmin ? (
          <a
            className="button button-secondary"
            href={`${listPath}/export.csv?${new URLSearchParams([...query, ['tickets', '1']])}`}
            download
          >
            {t('invitations.registrations.actions.exportTickets')}
          </a>
        ) : null}
        <Link className="button button-secondary" to={`${base}/invitations`}>
          {t('invitations.title')}
        </Link>
      </nav>

      <ActionNotice notice={actionData?.notice} version={actionData} />
      {d.confirm ? (
        <Confirm key={`${d.confirm.action}-${d.confirm.id}`} confirm={d.confirm} listPath={filteredPath} />
      ) : null}

      <section className="card" aria-labelledby="seats-title">
        <h2 id="seats-title">{t('invitations.registrations.seats.title')}</h2>
        {d.seats.length === 0 ? (
          <p className="muted">{t('invitations.registrations.seats.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table seats-table">
              <caption className="visually-hidden">{t('invitations.registrations.seats.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('invitations.registrations.seats.session')}</th>
                  <th scope="col">{t('invitations.registrations.seats.taken')}</th>
                  <th scope="col">{t('invitations.registrations.seats.waitlisted')}</th>
                </tr>
              </thead>
              <tbody>
                {d.seats.map((s) => (
                  <tr key={s.id} data-session={s.id}>
                    <th scope="row">
                      <LocalizedTextView value={s.title} />
                      {s.vipOnly ? (
                        <>
                          {' '}
                          <span className="badge">{t('invitations.new.vipOnly')}</span>
                        </>
                      ) : null}
                    </th>
                    <td data-seats={s.id}>
                      {!s.registrationRequired
                        ? t('invitations.registrations.seats.openToAll')
                        : s.capacity === null
                          ? t('invitations.registrations.seats.unlimited', { taken: s.confirmed })
                          : t('invitations.registrations.seats.ofCapacity', {
                              taken: s.confirmed,
                              capacity: s.capacity,
                            })}
                      {s.capacity !== null && s.confirmed >= s.capacity ? (
                        <>
                          {' '}
                          <span className="badge badge-full">{t('invitations.registrations.seats.full')}</span>
                        </>
                      ) : null}
                    </td>
                    <td data-waiting={s.id}>{s.waitlisted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Form
        method="get"
        className="card people-search no-print"
        role="search"
        aria-label={t('invitations.registrations.search.legend')}
      >
        <div className="field">
          <label htmlFor="q">{t('invitations.registrations.search.q')}</label>
          <input id="q" name="q" type="search" defaultValue={d.filter.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="status">{t('invitations.registrations.search.status')}</label>
          <select id="status" name="status" defaultValue={d.filter.status}>
            <option value="">{t('invitations.registrations.search.anyStatus')}</option>
            {REGISTRATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`invitations.registrations.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="session">{t('invitations.registrations.search.session')}</label>
          <select id="session" name="session" defaultValue={d.filter.session}>
            <option value="">{t('invitations.registrations.search.anySession')}</option>
            {d.seats
              .filter((s) => s.registrationRequired)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title.text}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="organization">{t('invitations.registrations.search.organization')}</label>
          <select id="organization" name="organization" defaultValue={d.filter.organization}>
            <option value="">{t('invitations.registrations.search.anyOrganization')}</option>
            {d.choices.organizations.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="country">{t('people.search.country')}</label>
          <select id="country" name="country" defaultValue={d.filter.country}>
            <option value="">{t('people.search.anyCountry')}</option>
            {d.choices.countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="vip">{t('people.search.vip')}</label>
          <select id="vip" name="vip" defaultValue={d.filter.vip}>
            <option value="">{t('people.search.anyVip')}</option>
            <option value="yes">{t('people.search.vipOnly')}</option>
            <option value="no">{t('people.search.notVip')}</option>
          </select>
        </div>
        <p className="people-search-actions">
          <button type="submit" className="button">
            {t('people.search.submit')}
          </button>{' '}
          <Link to={listPath}>{t('people.search.clear')}</Link>
        </p>
      </Form>

      <p className="muted" role="status">
        {t('invitations.registrations.counts', { matched: d.matched, total: d.total })}
        {d.matched > d.registrations.length ? ` ${t('invitations.limited', { limit: d.limit })}` : null}
      </p>

      {d.registrations.length === 0 ? (
        <p className="card muted">
          {d.total === 0 ? t('invitations.registrations.emptyEvent') : t('invitations.registrations.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table registrations-table">
            <caption className="visually-hidden">{t('invitations.registrations.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.table.name')}</th>
                <th scope="col">{t('invitations.table.organization')}</th>
                <th scope="col">{t('invitations.table.email')}</th>
                <th scope="col">{t('invitations.table.vip')}</th>
                <th scope="col">{t('invitations.table.status')}</th>
                <th scope="col">{t('invitations.table.sessions')}</th>
                <th scope="col">{t('invitations.registrations.table.registered')}</th>
                {d.canEdit ? <th scope="col">{t('invitations.registrations.table.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.registrations.map((r) => (
                <tr key={r.id} data-registration={r.id} className={r.status === 'cancelled' ? 'row-done' : undefined}>
                  <th scope="row" className="name-cell">
                    <PersonNameCell name={r.name} secondary={r.secondary} />
                  </th>
                  <td className="cell-wide">
                    {r.organization}
                    {r.title ? <span className="person-name-secondary">{r.title}</span> : null}
                  </td>
                  <td>{r.email}</td>
                  <td>{r.vip ? <span className="badge">{t('invitations.table.vip')}</span> : null}</td>
                  <td>
                    <span className={`badge registration-${r.status}`}>
                      {t(`invitations.registrations.statuses.${r.status}`)}
                    </span>
                  </td>
                  <td>
                    {r.seats.length === 0 ? null : (
                      <ul className="plain-list">
                        {r.seats.map((s) => (
                          <li key={s.id}>
                            <LocalizedTextView value={s.title} />
                            {r.status === 'confirmed' && s.status === 'waitlisted' ? (
                              <>
                                {' '}
                                <span className="badge badge-waiting">
                                  {t('invitations.registrations.table.waitlisted')}
                                </span>
                                {d.canEdit ? (
                                  <>
                                    {' '}
                                    <Link
                                      to={confirmHref('promote', r.id, s.id)}
                                      data-promote={s.id}
                                      aria-label={t('invitations.registrations.actions.promoteFor', {
                                        name: r.name,
                                        session: s.title.text,
                                      })}
                                    >
                                      {t('invitations.registrations.actions.promote')}
                                    </Link>
                                  </>
                                ) : null}
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="cell-when">{r.registered}</td>
                  {d.canEdit ? (
                    <td>
                      <span className="row-actions">
                        {r.status === 'pending' ? (
                          <Form method="post" action={filteredPath} className="inline-form">
                            <input type="hidden" name="intent" value="approve" />
                            <input type="hidden" name="registration_id" value={r.id} />
                            <button
                              type="submit"
                              className="button button-small"
                              aria-label={t('invitations.registrations.actions.approveFor', { name: r.name })}
                            >
                              {t('invitations.registrations.actions.approve')}
                            </button>
                          </Form>
                        ) : null}
                        {r.status === 'confirmed' ? (
                          <Form method="post" action={filteredPath} className="inline-form">
                            <input type="hidden" name="intent" value="badge_role" />
                            <input type="hidden" name="registration_id" value={r.id} />
                            <select
                              name="badge_role"
                              defaultValue={r.badgeRoleChosen ? r.badgeRole : 'auto'}
                              aria-label={t('checkin.badges.roleFor', { name: r.name })}
                              data-badge-role={r.badgeRole}
                            >
                              <option value="auto">{t('checkin.badges.roleAuto')}</option>
                              {BADGE_ROLES.map((role) => (
                                <option key={role} value={role}>
                                  {t(`checkin.badges.roles.${role}`)}
                                </option>
                              ))}
                            </select>
                            <button type="submit" className="button button-small button-secondary">
                              {t('checkin.badges.roleSave')}
                            </button>
                          </Form>
                        ) : null}
                        {r.status === 'confirmed' ? (
                          <Link
                            to={confirmHref('reissue', r.id)}
                            aria-label={t('invitations.registrations.actions.reissueFor', { name: r.name })}
                          >
                            {t('invitations.registrations.actions.reissue')}
                          </Link>
                        ) : null}
                        {r.status !== 'cancelled' ? (
                          <Link
                            to={confirmHref('cancel', r.id)}
                            aria-label={t('invitations.registrations.actions.cancelFor', { name: r.name })}
                          >
                            {t('invitations.registrations.actions.cancel')}
                          </Link>
                        ) : null}
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
