/**
 * The registrations page's sections (app/routes/event-registrations.tsx): the confirmation of a
 * cancel, a ticket's reissue or a promotion, the pages and exports, the seats of each session,
 * the search, and the registrations with what an organizer may do to each.
 */
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { BADGE_ROLES } from '../../checkin/badge-roles'
import { isSortKey, type SortDirection } from '../../registration/list-paging'
import {
  REGISTRATION_SORTS,
  REGISTRATION_STATUSES,
  type RegistrationSort,
} from '../../registration/registration-filter'
import type { ConfirmRegistration, RegistrationsPage } from '../../registration/registrations-page.server'
import { CountryVipFilters, PeopleSearchForm, SearchTextFilter } from '../people/people-search'
import { ChoiceFilter } from '../primitives/choice-filter'
import { DataTable } from '../primitives/data-table'
import { LocalizedTextView } from '../primitives/localized-text'
import { useFocusOnMount } from '../primitives/notice'
import { SortHeading } from '../primitives/pager'
import { PersonNameCell } from '../primitives/person-name'

/** The page's addresses: the list, the list as filtered, and a confirmation's link. */
export interface RegistrationPaths {
  listPath: string
  filteredPath: string
  query: URLSearchParams
  confirmHref: (action: string, id: string, sessionId?: string) => string
  /** the list sorted by a column (from its first page) */
  sortHref: (sort: RegistrationSort, dir: SortDirection) => string
}

export function RegistrationConfirm({ confirm, listPath }: { confirm: ConfirmRegistration; listPath: string }) {
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

/** The summary, the exports (of the list as filtered) and the invitations. */
export function RegistrationsToolbar({
  d,
  base,
  paths,
}: {
  d: RegistrationsPage
  base: string
  paths: RegistrationPaths
}) {
  const { t } = useTranslation()
  const { listPath, query } = paths
  return (
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
      {d.canExportTickets ? (
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
  )
}

/** Each session's seats taken of its capacity, and how many wait. */
export function SeatsSection({ seats }: { seats: RegistrationsPage['seats'] }) {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="seats-title">
      <h2 id="seats-title">{t('invitations.registrations.seats.title')}</h2>
      {seats.length === 0 ? (
        <p className="muted">{t('invitations.registrations.seats.none')}</p>
      ) : (
        <DataTable
          className="seats-table"
          caption={t('invitations.registrations.seats.title')}
          head={
            <>
              <th scope="col">{t('invitations.registrations.seats.session')}</th>
              <th scope="col">{t('invitations.registrations.seats.taken')}</th>
              <th scope="col">{t('invitations.registrations.seats.waitlisted')}</th>
            </>
          }
        >
          {seats.map((s) => (
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
        </DataTable>
      )}
    </section>
  )
}

/** The search: text, status, session, organization, country and VIP. */
export function RegistrationSearch({ d, listPath }: { d: RegistrationsPage; listPath: string }) {
  const { t } = useTranslation()
  return (
    <PeopleSearchForm label={t('invitations.registrations.search.legend')} clearTo={listPath} className="no-print">
      <SearchTextFilter label={t('invitations.registrations.search.q')} value={d.filter.q} />
      <ChoiceFilter
        name="status"
        label={t('invitations.registrations.search.status')}
        anyLabel={t('invitations.registrations.search.anyStatus')}
        value={d.filter.status}
        options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`invitations.registrations.statuses.${s}`) }))}
      />
      <ChoiceFilter
        name="session"
        label={t('invitations.registrations.search.session')}
        anyLabel={t('invitations.registrations.search.anySession')}
        value={d.filter.session}
        options={d.seats.filter((s) => s.registrationRequired).map((s) => ({ value: s.id, label: s.title.text }))}
      />
      <ChoiceFilter
        name="organization"
        label={t('invitations.registrations.search.organization')}
        anyLabel={t('invitations.registrations.search.anyOrganization')}
        value={d.filter.organization}
        options={d.choices.organizations.map((o) => ({ value: o, label: o }))}
      />
      <CountryVipFilters countries={d.choices.countries} country={d.filter.country} vip={d.filter.vip} />
    </PeopleSearchForm>
  )
}

type RegistrationRow = RegistrationsPage['registrations'][number]

// At 1366 px the table fits without scrolling sideways and the sessions keep room to read:
// the email sits under the name, VIP beside the status (issue 19).
const COLUMNS = ['name', 'organization', 'status', 'sessions'] as const

/** The registrations found, with the actions an organizer may take on each. */
export function RegistrationsTable({ d, paths }: { d: RegistrationsPage; paths: RegistrationPaths }) {
  const { t } = useTranslation()
  if (d.registrations.length === 0) {
    return (
      <p className="card muted">
        {d.total === 0 ? t('invitations.registrations.emptyEvent') : t('invitations.registrations.empty')}
      </p>
    )
  }
  return (
    <DataTable
      className="registrations-table"
      caption={t('invitations.registrations.table.caption')}
      head={
        <>
          {COLUMNS.map((column) =>
            isSortKey(REGISTRATION_SORTS, column) ? (
              <SortHeading
                key={column}
                column={column}
                label={t(`invitations.table.${column}`)}
                paging={d.paging}
                href={paths.sortHref}
              />
            ) : (
              <th key={column} scope="col">
                {t(`invitations.table.${column}`)}
              </th>
            ),
          )}
          <SortHeading
            column="registered"
            label={t('invitations.registrations.table.registered')}
            paging={d.paging}
            href={paths.sortHref}
          />
          {d.canEdit ? <th scope="col">{t('invitations.registrations.table.actions')}</th> : null}
        </>
      }
    >
      {d.registrations.map((r) => (
        <tr key={r.id} data-registration={r.id} className={r.status === 'cancelled' ? 'row-done' : undefined}>
          <th scope="row" className="name-cell">
            <PersonNameCell name={r.name} secondary={r.secondary} />
            <span className="cell-email">{r.email}</span>
          </th>
          <td className="cell-wide">
            {r.organization}
            {r.title ? <span className="person-name-secondary">{r.title}</span> : null}
          </td>
          <td>
            <span className={`badge registration-${r.status}`}>
              {t(`invitations.registrations.statuses.${r.status}`)}
            </span>
            {r.vip ? (
              <>
                {' '}
                <span className="badge">{t('invitations.table.vip')}</span>
              </>
            ) : null}
          </td>
          <td className="cell-sessions">
            <RegistrationSeats r={r} canEdit={d.canEdit} paths={paths} />
          </td>
          <td className="cell-when">{r.registered}</td>
          {d.canEdit ? (
            <td>
              <RegistrationActions r={r} paths={paths} />
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  )
}

/** The sessions a registration holds a seat or a waitlist place in; an organizer may promote from the waitlist. */
function RegistrationSeats({ r, canEdit, paths }: { r: RegistrationRow; canEdit: boolean; paths: RegistrationPaths }) {
  const { t } = useTranslation()
  if (r.seats.length === 0) return null
  return (
    <ul className="plain-list">
      {r.seats.map((s) => (
        <li key={s.id}>
          <LocalizedTextView value={s.title} />
          {r.status === 'confirmed' && s.status === 'waitlisted' ? (
            <>
              {' '}
              <span className="badge badge-waiting">{t('invitations.registrations.table.waitlisted')}</span>
              {canEdit ? (
                <>
                  {' '}
                  <Link
                    to={paths.confirmHref('promote', r.id, s.id)}
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
  )
}

/** Approve, choose the badge's role, reissue the ticket, cancel: what the registration's status allows. */
function RegistrationActions({ r, paths }: { r: RegistrationRow; paths: RegistrationPaths }) {
  const { t } = useTranslation()
  return (
    <span className="row-actions">
      {r.status === 'pending' ? (
        <Form method="post" action={paths.filteredPath} className="inline-form">
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
        <Form method="post" action={paths.filteredPath} className="inline-form">
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
      {r.status === 'confirmed' ? <ConfirmLink action="reissue" r={r} paths={paths} /> : null}
      {r.status !== 'cancelled' ? <ConfirmLink action="cancel" r={r} paths={paths} /> : null}
    </span>
  )
}

/** The link that asks to confirm reissuing the registration's ticket, or cancelling it. */
function ConfirmLink({
  action,
  r,
  paths,
}: {
  action: 'reissue' | 'cancel'
  r: RegistrationRow
  paths: RegistrationPaths
}) {
  const { t } = useTranslation()
  return (
    <Link
      to={paths.confirmHref(action, r.id)}
      aria-label={t(`invitations.registrations.actions.${action}For`, { name: r.name })}
    >
      {t(`invitations.registrations.actions.${action}`)}
    </Link>
  )
}
