import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import { timeZoneName } from '../calendar/calendar'
import { requireAdmin } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { DEFAULT_TIME_ZONE } from '../time/zoned'
import { Field } from '../ui/primitives/field'
import { LanguageSelectField } from '../ui/primitives/form-controls'
import { ActionNotice, type Notice } from '../ui/primitives/notice'
import { findAccount, inviteAccount, listAccounts, setAccountAdmin, setAccountDisabled } from '../users/accounts.server'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/admin-users'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireAdmin(request, context)
  const { db, now } = context.get(appContext)
  const lng = getLanguage(context)
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100)
  const { items, total } = await listAccounts(db, q)
  return {
    zone: timeZoneName(DEFAULT_TIME_ZONE, now().toISOString().slice(0, 10), lng),
    pageTitle: getI18n(context).t('accounts.title'),
    q,
    total,
    you: user.id,
    lng,
    accounts: items.map((a) => ({
      ...a,
      lastLogin: a.lastLoginAt ? formatDateTime(a.lastLoginAt, DEFAULT_TIME_ZONE, lng) : null,
      roles: a.roles.map((r) => ({ ...r, title: pickLocalized(r.title, lng).text })),
    })),
  }
}

type ActionData = { notice: Notice | null; errors?: FieldErrors; values?: Record<string, string> }

export async function action({ request, context }: Route.ActionArgs) {
  const admin = await requireAdmin(request, context)
  const { db, config, ip, now } = context.get(appContext)
  const form = await request.formData()
  const field = (name: string) => String(form.get(name) ?? '').slice(0, 300)
  const actor = { userId: admin.id, ip }
  const intent = field('intent')
  const ok = (key: string, values: Record<string, string | number>): ActionData => ({
    notice: { tone: 'ok', messages: [{ key, values }] },
  })
  const refused = (reason: string, status = 409) =>
    data<ActionData>({ notice: { tone: 'error', messages: [{ key: `accounts.errors.${reason}` }] } }, status)

  if (intent === 'invite') {
    const values = { email: field('email'), name: field('name'), language: field('language') }
    const isAdmin = form.get('is_admin') === 'on'
    const result = await inviteAccount(db, config.sessionSecret, actor, { ...values, isAdmin }, now())
    if (!result.ok) {
      if (result.reason === 'invalid')
        return data<ActionData>({ notice: null, errors: result.fields, values }, { status: 400 })
      return data<ActionData>(
        { notice: { tone: 'error', messages: [{ key: 'accounts.errors.exists' }] }, errors: {}, values },
        { status: 409 },
      )
    }
    return ok('accounts.done.invited', { email: values.email.trim() })
  }

  const target = await findAccount(db, field('user_id'))
  if (!target) return refused('not_found', 404)
  if (intent === 'resend') {
    if (target.status !== 'invited') return refused('exists')
    const input = { email: target.email, name: target.name, language: target.language, isAdmin: target.isAdmin }
    const result = await inviteAccount(db, config.sessionSecret, actor, input, now())
    if (!result.ok) return refused(result.reason === 'exists' ? 'exists' : 'not_found')
    return ok('accounts.done.invited', { email: target.email })
  }
  if (intent === 'disable' || intent === 'enable') {
    const result = await setAccountDisabled(db, actor, target.id, intent === 'disable', now())
    if (!result.ok) return refused(result.reason)
    return intent === 'disable'
      ? ok('accounts.done.disabled', { email: target.email, count: result.revokedSessions ?? 0 })
      : ok('accounts.done.enabled', { email: target.email })
  }
  if (intent === 'admin_grant' || intent === 'admin_revoke') {
    const result = await setAccountAdmin(db, actor, target.id, intent === 'admin_grant', now())
    if (!result.ok) return refused(result.reason)
    return ok(intent === 'admin_grant' ? 'accounts.done.adminGranted' : 'accounts.done.adminRevoked', {
      email: target.email,
    })
  }
  throw data({ code: 'bad_request' }, { status: 400 })
}

export default function AdminUsers({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const errors = actionData?.errors
  const values = actionData?.values
  const act = (id: string, intent: string, label: string, name: string) => (
    <Form method="post" className="inline-form" key={intent}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="user_id" value={id} />
      <button
        type="submit"
        className="button button-secondary"
        aria-label={t('accounts.actionLabel', { action: label, name })}
      >
        {label}
      </button>
    </Form>
  )
  return (
    <section className="stack">
      <header>
        <h1>{t('accounts.title')}</h1>
        <p className="muted">{t('accounts.intro')}</p>
      </header>
      <ActionNotice notice={actionData?.notice} version={actionData} />

      <Form method="post" className="card stack" noValidate>
        <h2>{t('accounts.invite.title')}</h2>
        <p className="muted">{t('accounts.invite.intro')}</p>
        <input type="hidden" name="intent" value="invite" />
        <Field
          name="email"
          label={t('accounts.invite.email')}
          type="email"
          autoComplete="off"
          required
          maxLength={254}
          defaultValue={values?.email}
          error={errors?.email}
        />
        <Field
          name="name"
          label={t('accounts.invite.name')}
          required
          maxLength={120}
          defaultValue={values?.name}
          error={errors?.name}
        />
        <LanguageSelectField
          name="language"
          label={t('accounts.invite.language')}
          defaultValue={values?.language ?? d.lng}
          error={errors?.language}
        />
        <label className="check">
          <input type="checkbox" name="is_admin" /> {t('accounts.invite.isAdmin')}
        </label>
        <p>
          <button type="submit" className="button">
            {t('accounts.invite.submit')}
          </button>
        </p>
      </Form>

      <Form method="get" className="toolbar" role="search">
        <label htmlFor="q" className="visually-hidden">
          {t('accounts.search')}
        </label>
        <input id="q" name="q" type="search" defaultValue={d.q} placeholder={t('accounts.search')} maxLength={100} />
        <button type="submit" className="button button-secondary">
          {t('accounts.searchSubmit')}
        </button>
      </Form>
      <p className="muted">
        {t('accounts.showing', { shown: d.accounts.length, total: d.total })} ·{' '}
        {t('accounts.timesIn', { zone: d.zone })}
      </p>

      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('accounts.columns.person')}</th>
              <th scope="col">{t('accounts.columns.events')}</th>
              <th scope="col">{t('accounts.columns.lastLogin')}</th>
              <th scope="col">{t('accounts.columns.status')}</th>
              <th scope="col">{t('accounts.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {d.accounts.map((a) => (
              <tr key={a.id} data-account={a.email}>
                <th scope="row">
                  {a.name} {a.isAdmin ? <span className="badge">{t('accounts.admin')}</span> : null}
                  <br />
                  <span className="muted">{a.email}</span>
                </th>
                <td>
                  {a.roles.length === 0 ? (
                    <span className="muted">{t('accounts.noEvents')}</span>
                  ) : (
                    <ul className="plain-list">
                      {a.roles.map((r) => (
                        <li key={r.eventSlug}>
                          <Link to={`/events/${r.eventSlug}/team`}>{r.title}</Link>
                          {t('app.labelSuffix')}
                          {t(`team.roles.${r.role}.name`)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{a.lastLogin ?? t('accounts.never')}</td>
                <td data-status={a.status}>{t(`accounts.statuses.${a.status}`)}</td>
                <td>
                  <div className="row-actions">
                    {a.status === 'invited' ? act(a.id, 'resend', t('accounts.actions.resend'), a.name) : null}
                    {a.status === 'disabled'
                      ? act(a.id, 'enable', t('accounts.actions.enable'), a.name)
                      : a.id !== d.you
                        ? act(a.id, 'disable', t('accounts.actions.disable'), a.name)
                        : null}
                    {a.isAdmin
                      ? act(a.id, 'admin_revoke', t('accounts.actions.unmakeAdmin'), a.name)
                      : act(a.id, 'admin_grant', t('accounts.actions.makeAdmin'), a.name)}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
