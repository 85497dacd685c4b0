import { Outlet } from 'react-router'
import { requireUser } from '../http/access.server'
import type { Route } from './+types/organizer'

// Every organizer page requires a signed-in user; each page then checks its own event role.
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, context)
  return null
}

export default function OrganizerLayout() {
  return <Outlet />
}
