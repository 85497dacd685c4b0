// TODO(issue 6): run-of-show
export default function Placeholder() {
  return null
}
