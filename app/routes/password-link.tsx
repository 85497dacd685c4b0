import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect, useNavigation } from 'react-router'
import { appContext } from '../http/context'
import { Field } from '../ui/primitives/field'
import { setPasswordFromLink, viewPasswordLink } from '../users/password-links.server'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/password-link'

export const meta: Route.MetaFunction = () => [{ title: 'Signet' }, { name: 'robots', content: 'noindex' }]

// The token is in the address: keep the page out of caches and never send it on as a referrer.
export function headers() {
  return { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }
}

/** Shows the form for a link that still works, or says why it does not. Reads only. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { db, now } = context.get(appContext)
  const view = await viewPasswordLink(db, params.token, now())
  if (!view.ok) return data({ link: view }, { status: view.reason === 'unknown' ? 404 : 410 })
  return { link: view }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, ip, now } = context.get(appContext)
  const form = await request.formData()
  const value = (name: string) => String(form.get(name) ?? '').slice(0, 2048)
  const result = await setPasswordFromLink(
    db,
    { token: params.token, password: value('password'), confirm: value('confirm') },
    ip,
    now(),
  )
  if (result.ok) {
    const reason = result.purpose === 'invite' ? 'password_set' : 'password_reset'
    throw redirect(`/login?${new URLSearchParams({ reason, email: result.email })}`)
  }
  if (result.reason === 'invalid') return data({ errors: result.fields as FieldErrors, problem: null }, { status: 400 })
  return data({ errors: undefined, problem: result.reason }, { status: result.reason === 'unknown' ? 404 : 410 })
}

export default function PasswordLink({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const link = actionData?.problem ? ({ ok: false, reason: actionData.problem } as const) : loaderData.link
  if (!link.ok) {
    return (
      <section className="card narrow stack">
        <h1>{t('password.resetTitle')}</h1>
        <p className="form-error" role="alert" data-problem={link.reason}>
          {t(`password.problems.${link.reason}`)}
        </p>
        <p>
          <Link to="/forgot-password">{t('password.askAgain')}</Link> · <Link to="/login">{t('nav.signIn')}</Link>
        </p>
      </section>
    )
  }
  const errors = actionData?.errors
  return (
    <section className="card narrow stack">
      <h1>{link.purpose === 'invite' ? t('password.inviteTitle') : t('password.resetTitle')}</h1>
      <p className="muted">{t('password.intro', { email: link.email })}</p>
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="username" autoComplete="username" value={link.email} />
        <Field
          name="password"
          type="password"
          label={t('password.next')}
          autoComplete="new-password"
          required
          minLength={12}
          error={errors?.password}
        />
        <p className="muted">{t('account.password.nextHint')}</p>
        <Field
          name="confirm"
          type="password"
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          error={errors?.confirm}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('password.submit')}
        </button>
      </Form>
    </section>
  )
}
