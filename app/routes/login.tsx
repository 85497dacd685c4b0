import { useTranslation } from 'react-i18next'
import { data, Form, Link, useNavigation } from 'react-router'
import { createKnownDeviceCookie } from '../auth/cookie.server'
import { login } from '../auth/login.server'
import { type LoginFormErrors, parseKnownDevice, parseLoginForm } from '../auth/login-form'
import { getOptionalUser } from '../http/access.server'
import { appContext } from '../http/context'
import { redirectWithin } from '../http/redirect'
import { Field } from '../ui/primitives/field'
import { landingFor } from '../users/team.server'
import { safeRedirect } from '../validation/safe-redirect'
import type { Route } from './+types/login'

export const meta: Route.MetaFunction = () => [{ title: 'Signet' }]

// Let the action's Retry-After reach the browser.
export const headers: Route.HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

const NOTICES = ['expired', 'signed_out', 'password_set', 'password_reset'] as const
type LoginNotice = (typeof NOTICES)[number]

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), '')
  const { user } = await getOptionalUser(request, context)
  if (user) {
    const { db, now } = context.get(appContext)
    throw redirectWithin(redirectTo || (await landingFor(db, user, now())))
  }
  const reason = url.searchParams.get('reason')
  const notice = NOTICES.find((n) => n === reason) ?? null
  return { redirectTo, notice, email: (url.searchParams.get('email') ?? '').slice(0, 254) }
}

const NOTICE_KEYS: Record<LoginNotice, string> = {
  expired: 'login.sessionExpired',
  signed_out: 'login.signedOut',
  password_set: 'login.passwordSet',
  password_reset: 'login.passwordReset',
}

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseLoginForm(await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors, email: parsed.email }, { status: 400 })
  const { db, config, sessionCookie, ip, now } = context.get(appContext)
  const deviceCookie = createKnownDeviceCookie(config)
  const device = parseKnownDevice(await deviceCookie.parse(request.headers.get('Cookie')))
  const userAgent = request.headers.get('User-Agent')
  const result = await login(db, { ...parsed.value, ip, userAgent, device }, now())
  if (!result.ok) {
    const status = result.reason === 'rate_limited' ? 429 : 401
    const seconds = result.reason === 'rate_limited' ? result.retryAfterSeconds : undefined
    const headers: HeadersInit = seconds ? { 'Retry-After': String(seconds) } : {}
    const errors: LoginFormErrors = { form: { key: `auth.${result.reason}`, seconds } }
    return data({ errors, email: parsed.value.email }, { status, headers })
  }
  const headers = new Headers()
  headers.append('Set-Cookie', await sessionCookie.serialize(result.token, { expires: result.expiresAt }))
  headers.append('Set-Cookie', await deviceCookie.serialize(result.device))
  throw redirectWithin(parsed.value.redirectTo || (await landingFor(db, result.user, now())), { headers })
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const errors = actionData?.errors
  return (
    <section className="card narrow">
      <h1>{t('login.title')}</h1>
      <p className="muted">{t('login.intro')}</p>
      {loaderData.notice ? (
        <p className="notice" role="status">
          {t(NOTICE_KEYS[loaderData.notice])}
        </p>
      ) : null}
      {errors?.form ? (
        <p className="form-error" role="alert" id="form-error">
          {t(errors.form.key, { seconds: errors.form.seconds })}
        </p>
      ) : null}
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <Field
          name="email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.email ?? loaderData.email}
          error={errors?.email}
        />
        <Field
          name="password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          error={errors?.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('login.submit')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('password.forgot.link')}</Link>
      </p>
    </section>
  )
}
