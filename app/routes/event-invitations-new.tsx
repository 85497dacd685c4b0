import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField, pickLocalized } from '../i18n/localized'
import { directoryFilter, readDirectoryQuery } from '../people/directory-filter'
import { displayName, secondaryName } from '../people/names'
import { LIST_LIMIT } from '../people/people.server'
import {
  inviteFromDirectory,
  listInvitableSessions,
  listPeopleForEvent,
  MAX_INVITE_BATCH,
} from '../registration/invitation-list.server'
import { inviteRefusalIssue } from '../registration/invitations-page.server'
import { DirectorySearchForm } from '../ui/people/people-search'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { PersonNameCell } from '../ui/primitives/person-name'
import type { FieldIssue } from '../validation/field-errors'
import type { Route } from './+types/event-invitations-new'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const filter = readDirectoryQuery(new URL(request.url).searchParams)
  const [list, sessions] = await Promise.all([
    listPeopleForEvent(db, event.id, directoryFilter(filter)),
    listInvitableSessions(db, event.id),
  ])
  return {
    pageTitle: getI18n(context).t('invitations.new.title'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    filter,
    limit: LIST_LIMIT,
    matched: list.matched,
    total: list.total,
    countries: list.countries,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: pickLocalized(s.title, lng),
      when: formatDateTime(s.startsAt, event.timezone, lng),
      vipOnly: s.vipOnly,
    })),
    people: list.people.map((p) => ({
      id: p.id,
      name: displayName(p, lng),
      secondary: secondaryName(p, lng),
      organization: p.organization ? pickLocalized(p.organization, lng) : null,
      email: p.email,
      vip: p.vip,
      invited: p.invited,
    })),
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, ip } = context.get(appContext)
  const form = await request.formData()
  const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '')
  const people = strings('person')
  if (people.length > MAX_INVITE_BATCH) throw data({ code: 'bad_request' }, { status: 400 })
  const result = await inviteFromDirectory(db, event, people, strings('session'), { userId: user.id, ip })
  if (!result.ok) {
    const error = await inviteRefusalIssue(db, result, getLanguage(context))
    return data<{ error: FieldIssue }>({ error }, { status: 400 })
  }
  const counts = new URLSearchParams({ invited: String(result.created), already: String(result.alreadyInvited) })
  throw redirect(`/events/${event.slug}/invitations?${counts}`)
}

export default function InviteFromDirectory({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const listPath = `/events/${d.slug}/invitations`
  const selectable = d.people.filter((p) => !p.invited).length
  return (
    <section className="stack">
      <PageHeader
        back={listPath}
        backLabel={
          <>
            <LocalizedTextView value={d.eventTitle} /> · {t('invitations.title')}
          </>
        }
        title={t('invitations.new.title')}
        intro={t('invitations.new.intro')}
      />
      {actionData?.error ? (
        <p className="error-summary" role="alert">
          {t(actionData.error.key, actionData.error.values ?? {})}
        </p>
      ) : null}

      <DirectorySearchForm filter={d.filter} countries={d.countries} clearTo={`${listPath}/new`} />

      <Form method="post" className="stack">
        <fieldset className="card checkbox-group">
          <legend>{t('invitations.new.sessions')}</legend>
          <p className="hint" id="sessions-hint">
            {t('invitations.new.sessionsHint')}
          </p>
          {d.sessions.length === 0 ? (
            <p className="muted">{t('invitations.new.noSessions')}</p>
          ) : (
            <div className="checkbox-options session-options">
              {d.sessions.map((s) => (
                <label key={s.id} className="checkbox">
                  <input type="checkbox" name="session" value={s.id} aria-describedby="sessions-hint" />
                  <span>
                    <LocalizedTextView value={s.title} /> <span className="muted">{s.when}</span>
                    {s.vipOnly ? (
                      <>
                        {' '}
                        <span className="badge">{t('invitations.new.vipOnly')}</span>
                      </>
                    ) : null}
                  </span>
                </label>
              ))}
            </div>
          )}
        </fieldset>

        <p className="muted" role="status">
          {t('people.counts', { matched: d.matched, total: d.total })}
          {d.matched > d.people.length ? ` ${t('people.limited', { limit: d.limit })}` : null}
        </p>
        {d.people.length === 0 ? (
          <p className="card muted">{d.total === 0 ? t('people.emptyDirectory') : t('people.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('invitations.new.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('invitations.new.pickColumn')}</th>
                  <th scope="col">{t('people.table.nativeName')}</th>
                  <th scope="col">{t('people.table.organization')}</th>
                  <th scope="col">{t('people.table.email')}</th>
                  <th scope="col">{t('people.table.vip')}</th>
                </tr>
              </thead>
              <tbody>
                {d.people.map((p) => (
                  <tr key={p.id} className={p.invited ? 'row-done' : undefined}>
                    <td>
                      {p.invited ? (
                        <span className="badge">{t('invitations.new.alreadyInvited')}</span>
                      ) : (
                        <input
                          type="checkbox"
                          name="person"
                          value={p.id}
                          aria-label={t('invitations.new.pick', { name: p.name })}
                        />
                      )}
                    </td>
                    <th scope="row" className="name-cell">
                      <PersonNameCell name={p.name} secondary={p.secondary} />
                    </th>
                    <td>{p.organization ? <LocalizedTextView value={p.organization} /> : null}</td>
                    <td>{p.email}</td>
                    <td>{p.vip ? <span className="badge">{t('people.table.vip')}</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {selectable > 0 ? (
          <p className="form-actions">
            <button type="submit" className="button">
              {t('invitations.new.submit')}
            </button>
            <Link to={listPath}>{t('invitations.new.back')}</Link>
          </p>
        ) : null}
      </Form>
    </section>
  )
}
