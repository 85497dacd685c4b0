// Placeholder: built in issue 3 (see app/routes.ts).
export function loader() {
  return new Response('Not found', { status: 404 })
}
