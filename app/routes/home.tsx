import { redirect } from 'react-router'
import { getOptionalUser } from '../auth/auth.server'
import type { Route } from './+types/home'

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await getOptionalUser(request, context)
  throw redirect(user ? '/events' : '/login')
}
