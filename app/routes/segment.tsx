// TODO(issue 6): segment
export default function Placeholder() {
  return null
}
