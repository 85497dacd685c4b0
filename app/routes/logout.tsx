import { redirect } from 'react-router'
import { logout } from '../auth/login.server'
import { readSessionToken } from '../http/access.server'
import { appContext } from '../http/context'
import type { Route } from './+types/logout'

// Signing out changes state, so it is a POST; a GET only sends you home.
export async function loader() {
  throw redirect('/')
}

export async function action({ request, context }: Route.ActionArgs) {
  const { db, sessionCookie, ip } = context.get(appContext)
  const token = await readSessionToken(request, context)
  if (token) await logout(db, token, ip)
  throw redirect('/login?reason=signed_out', {
    headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) },
  })
}

// A page module (not a resource route), so a refused POST shows the localized error page.
export default function Logout() {
  return null
}
