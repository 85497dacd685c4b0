import { redirect } from 'react-router'
import { getOptionalUser } from '../http/access.server'
import { appContext } from '../http/context'
import { redirectWithin } from '../http/redirect'
import { landingFor } from '../users/team.server'
import type { Route } from './+types/home'

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await getOptionalUser(request, context)
  if (!user) throw redirect('/login')
  const { db, now } = context.get(appContext)
  throw redirectWithin(await landingFor(db, user, now()))
}
