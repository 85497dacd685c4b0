// Placeholder: built in issue 3 (see app/routes.ts).
import { data } from 'react-router'

export function loader() {
  throw data({ code: 'not_found' }, { status: 404 })
}

export default function Placeholder() {
  return null
}
