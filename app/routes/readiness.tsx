// TODO(issue 6): readiness
export default function Placeholder() {
  return null
}
