// TODO(issue 6): project
export default function Placeholder() {
  return null
}
