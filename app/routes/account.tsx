import { useTranslation } from 'react-i18next'
import { data, Form, redirect } from 'react-router'
import { timeZoneName } from '../calendar/calendar'
import { readSessionToken, requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage, languageCookie } from '../i18n/i18n.server'
import { DEFAULT_TIME_ZONE } from '../time/zoned'
import { Field } from '../ui/primitives/field'
import { LanguageSelectField } from '../ui/primitives/form-controls'
import { ActionNotice, type Notice } from '../ui/primitives/notice'
import {
  changePassword,
  describeUserAgent,
  endMySessions,
  listMySessions,
  updateProfile,
} from '../users/my-account.server'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/account'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

async function sessionOf(request: Request, context: Route.LoaderArgs['context']) {
  const user = await requireUser(request, context)
  const token = await readSessionToken(request, context)
  if (!token) throw redirect('/login')
  return { user, token }
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, token } = await sessionOf(request, context)
  const { db, now } = context.get(appContext)
  const lng = getLanguage(context)
  const when = (iso: string) => formatDateTime(iso, DEFAULT_TIME_ZONE, lng)
  const sessions = await listMySessions(db, user.id, token, now())
  return {
    zone: timeZoneName(DEFAULT_TIME_ZONE, now().toISOString().slice(0, 10), lng),
    pageTitle: getI18n(context).t('account.title'),
    name: user.name,
    email: user.email,
    language: user.language,
    sessions: sessions.map((s) => ({
      handle: s.handle,
      current: s.current,
      device: describeUserAgent(s.userAgent),
      ip: s.ip ?? '—',
      signedIn: when(s.createdAt),
      lastUsed: when(s.lastSeenAt),
    })),
  }
}

type ActionData = { form: string; notice: Notice | null; errors?: FieldErrors; values?: Record<string, string> }

export async function action({ request, context }: Route.ActionArgs) {
  const { user, token } = await sessionOf(request, context)
  const { db, ip, now } = context.get(appContext)
  const form = await request.formData()
  const field = (name: string, max = 300) => String(form.get(name) ?? '').slice(0, max)
  const intent = field('intent')
  const ok = (which: string, key: string, values: Record<string, string | number> = {}): ActionData => ({
    form: which,
    notice: { tone: 'ok', messages: [{ key, values }] },
  })

  if (intent === 'profile') {
    const values = { name: field('name'), language: field('language') }
    const result = await updateProfile(db, user.id, values, ip, now())
    if (!result.ok) return data<ActionData>({ form: 'profile', notice: null, errors: result.fields, values }, 400)
    // The new language applies at once, and at every later sign-in.
    return data(ok('profile', 'account.profile.saved'), {
      headers: { 'Set-Cookie': await languageCookie.serialize(values.language) },
    })
  }
  if (intent === 'password') {
    const input = {
      current: field('current', 2048),
      password: field('password', 2048),
      confirm: field('confirm', 2048),
    }
    const result = await changePassword(db, user, input, token, ip, now())
    if (!result.ok) return data<ActionData>({ form: 'password', notice: null, errors: result.fields }, 400)
    return ok('password', 'account.password.changed', { count: result.endedSessions })
  }
  if (intent === 'end' || intent === 'end_others') {
    const handle = intent === 'end_others' ? 'others' : field('session', 64)
    const { ended, current } = await endMySessions(db, user.id, token, handle, ip, now())
    if (current) {
      const { sessionCookie } = context.get(appContext)
      throw redirect('/login?reason=signed_out', {
        headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) },
      })
    }
    return ok('sessions', 'account.sessions.ended', { count: ended })
  }
  throw data({ code: 'bad_request' }, { status: 400 })
}

export default function Account({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const answer = (which: string) => (actionData?.form === which ? actionData : undefined)
  const profile = answer('profile')
  const password = answer('password')
  const others = d.sessions.filter((s) => !s.current)
  return (
    <section className="stack">
      <header>
        <h1>{t('account.title')}</h1>
        <p className="muted">{d.email}</p>
      </header>

      <Form method="post" className="card stack" noValidate aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profile.title')}</h2>
        <ActionNotice notice={profile?.notice} version={profile} />
        <input type="hidden" name="intent" value="profile" />
        <Field
          name="name"
          label={t('account.profile.name')}
          required
          maxLength={120}
          autoComplete="name"
          defaultValue={profile?.values?.name ?? d.name}
          error={profile?.errors?.name}
        />
        <LanguageSelectField
          name="language"
          label={t('account.profile.language')}
          defaultValue={profile?.values?.language ?? d.language}
          error={profile?.errors?.language}
        />
        <p className="muted">{t('account.profile.languageHint')}</p>
        <p>
          <button type="submit" className="button">
            {t('account.profile.submit')}
          </button>
        </p>
      </Form>

      <Form method="post" className="card stack" noValidate aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password.title')}</h2>
        <ActionNotice notice={password?.notice} version={password} />
        <input type="hidden" name="intent" value="password" />
        {/* for password managers: the account the new password belongs to */}
        <input type="hidden" name="username" autoComplete="username" value={d.email} />
        <Field
          name="current"
          type="password"
          label={t('account.password.current')}
          autoComplete="current-password"
          required
          error={password?.errors?.current}
        />
        <Field
          name="password"
          type="password"
          label={t('account.password.next')}
          autoComplete="new-password"
          required
          minLength={12}
          error={password?.errors?.password}
        />
        <p className="muted">{t('account.password.nextHint')}</p>
        <Field
          name="confirm"
          type="password"
          label={t('account.password.confirm')}
          autoComplete="new-password"
          required
          error={password?.errors?.confirm}
        />
        <p>
          <button type="submit" className="button">
            {t('account.password.submit')}
          </button>
        </p>
      </Form>

      <section className="card stack" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessions.title')}</h2>
        <p className="muted">
          {t('account.sessions.intro')} {t('accounts.timesIn', { zone: d.zone })}
        </p>
        <ActionNotice notice={answer('sessions')?.notice} version={answer('sessions')} />
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('account.sessions.device')}</th>
                <th scope="col">{t('account.sessions.address')}</th>
                <th scope="col">{t('account.sessions.signedIn')}</th>
                <th scope="col">{t('account.sessions.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('account.sessions.end')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.sessions.map((s) => (
                <tr key={s.handle} data-current={s.current || undefined}>
                  <th scope="row">
                    {s.device}
                    {s.current ? <span className="badge">{t('account.sessions.current')}</span> : null}
                  </th>
                  <td>{s.ip}</td>
                  <td>{s.signedIn}</td>
                  <td>{s.lastUsed}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="session" value={s.handle} />
                      <button
                        type="submit"
                        className="button button-secondary"
                        aria-label={t('account.sessions.endLabel', { device: s.device, when: s.lastUsed })}
                      >
                        {t('account.sessions.end')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {others.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end_others" />
            <button type="submit" className="button button-secondary">
              {t('account.sessions.endOthers')}
            </button>
          </Form>
        ) : (
          <p className="muted">{t('account.sessions.noOthers')}</p>
        )}
      </section>
    </section>
  )
}
