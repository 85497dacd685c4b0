// TODO(issue 6): run-of-show-print
export default function Placeholder() {
  return null
}
