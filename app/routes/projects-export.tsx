// TODO(issue 6): projects-export
export default function Placeholder() {
  return null
}
