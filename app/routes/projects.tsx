// TODO(issue 6): projects
export default function Placeholder() {
  return null
}
