import { data } from 'react-router'

// The catch-all: unknown URLs get the localized 404 page from the root error boundary.
export function loader() {
  throw data({ code: 'not_found' }, { status: 404 })
}

export default function NotFound() {
  return null
}
