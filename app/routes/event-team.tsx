import { useTranslation } from 'react-i18next'
import { data, Form, redirect } from 'react-router'
import { can, ROLE_LIST } from '../auth/permissions'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { PermissionsTable } from '../ui/events/permissions-table'
import { Field } from '../ui/primitives/field'
import { LanguageSelectField, SelectField } from '../ui/primitives/form-controls'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { ActionNotice, type Notice } from '../ui/primitives/notice'
import { PageHeader } from '../ui/primitives/page-header'
import { addTeamMember, changeTeamMember, listTeam } from '../users/team.server'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/event-team'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'team.manage')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const members = await listTeam(db, event.id)
  return {
    pageTitle: getI18n(context).t('team.title'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    you: user.id,
    lng,
    members: members.map((m) => ({
      ...m,
      lastLogin: m.lastLoginAt ? formatDateTime(m.lastLoginAt, event.timezone, lng) : null,
    })),
  }
}

type ActionData = { notice: Notice | null; errors?: FieldErrors; values?: Record<string, string> }

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'team.manage')
  const { db, config, ip, now } = context.get(appContext)
  const form = await request.formData()
  const field = (name: string) => String(form.get(name) ?? '').slice(0, 300)
  const actor = { userId: user.id, ip }
  const intent = field('intent')
  const roleName = (role: string) => ({ key: `team.roles.${role}.name` })
  const ok = (key: string, values: Record<string, string>): ActionData => ({
    notice: { tone: 'ok', messages: [{ key, values }] },
  })
  const refused = (key: string, values?: Record<string, string>, status = 400) =>
    data<ActionData>({ notice: { tone: 'error', messages: [{ key, values }] } }, status)

  if (intent === 'add') {
    const values = { email: field('email'), role: field('role'), name: field('name'), language: field('language') }
    const result = await addTeamMember(db, config.sessionSecret, actor, event.id, values, now())
    if (!result.ok) {
      if (result.reason === 'invalid')
        return data<ActionData>({ notice: null, errors: result.fields, values }, { status: 400 })
      return refused('team.errors.already_member', { role: getI18n(context).t(roleName(result.role).key) }, 409)
    }
    const role = getI18n(context).t(roleName(values.role).key)
    return ok(result.invited ? 'team.done.invited' : 'team.done.added', { email: values.email.trim(), role })
  }
  if (intent === 'role' || intent === 'remove') {
    const userId = field('user_id')
    const result = await changeTeamMember(db, actor, event.id, userId, intent === 'role' ? field('role') : null, now())
    if (!result.ok) {
      if (result.reason === 'invalid') return refused('validation.choice')
      return refused(`team.errors.${result.reason}`, undefined, result.reason === 'not_member' ? 404 : 409)
    }
    // Whoever gave away their own say over the team leaves its page (the loader would refuse it).
    if (userId === user.id && !can(user, result.role, 'team.manage'))
      throw redirect(result.role === null ? '/events' : `/events/${event.slug}`)
    if (result.role === null) return ok('team.done.removed', { email: result.email })
    return ok('team.done.changed', { email: result.email, role: getI18n(context).t(roleName(result.role).key) })
  }
  throw data({ code: 'bad_request' }, { status: 400 })
}

export default function EventTeam({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const page = `${base}/team`
  const errors = actionData?.errors
  const values = actionData?.values
  return (
    <section className="stack">
      <PageHeader
        back={base}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={t('team.title')}
        intro={t('team.intro')}
      />
      <ActionNotice notice={actionData?.notice} version={actionData} />

      <section aria-labelledby="members-title" className="stack">
        <h2 id="members-title">{t('team.members')}</h2>
        {d.members.length === 0 ? (
          <p className="card muted">{t('team.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('team.columns.person')}</th>
                  <th scope="col">{t('team.columns.role')}</th>
                  <th scope="col">{t('team.columns.status')}</th>
                  <th scope="col">{t('team.columns.lastLogin')}</th>
                  <th scope="col">{t('team.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.members.map((m) => (
                  <tr key={m.userId} data-member={m.email}>
                    <th scope="row">
                      {m.name} {m.userId === d.you ? <span className="muted">{t('team.you')}</span> : null}
                      <br />
                      <span className="muted">{m.email}</span>
                    </th>
                    <td data-role={m.role}>{t(`team.roles.${m.role}.name`)}</td>
                    <td data-status={m.status}>{t(`accounts.statuses.${m.status}`)}</td>
                    <td>{m.lastLogin ?? t('accounts.never')}</td>
                    <td>
                      <div className="row-actions">
                        <Form method="post" action={page} className="inline-form">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="user_id" value={m.userId} />
                          <select name="role" defaultValue={m.role} aria-label={t('team.newRole', { name: m.name })}>
                            {ROLE_LIST.map((role) => (
                              <option key={role} value={role}>
                                {t(`team.roles.${role}.name`)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="button button-secondary">
                            {t('team.changeRole')}
                          </button>
                        </Form>
                        <Form method="post" action={page} className="inline-form">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="user_id" value={m.userId} />
                          <button
                            type="submit"
                            className="button button-secondary"
                            aria-label={t('team.removeLabel', { name: m.name })}
                          >
                            {t('team.remove')}
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Form method="post" action={page} className="card stack" noValidate>
        <h2>{t('team.add.title')}</h2>
        <input type="hidden" name="intent" value="add" />
        <Field
          name="email"
          label={t('team.add.email')}
          type="email"
          autoComplete="off"
          required
          maxLength={254}
          defaultValue={values?.email}
          error={errors?.email}
        />
        <SelectField
          name="role"
          label={t('team.add.role')}
          defaultValue={values?.role ?? 'checkin'}
          error={errors?.role}
        >
          {ROLE_LIST.map((role) => (
            <option key={role} value={role}>
              {t(`team.roles.${role}.name`)} — {t(`team.roles.${role}.hint`)}
            </option>
          ))}
        </SelectField>
        <Field
          name="name"
          label={t('team.add.name')}
          maxLength={120}
          defaultValue={values?.name}
          error={errors?.name}
        />
        <p id="team-name-hint" className="muted">
          {t('team.add.nameHint')}
        </p>
        <LanguageSelectField
          name="language"
          label={t('team.add.language')}
          defaultValue={values?.language ?? d.lng}
          error={errors?.language}
        />
        <p>
          <button type="submit" className="button">
            {t('team.add.submit')}
          </button>
        </p>
      </Form>

      <PermissionsTable />
    </section>
  )
}
