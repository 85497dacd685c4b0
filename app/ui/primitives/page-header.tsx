import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** A page's heading with a link back to where it belongs, and an optional line under it. */
export function PageHeader({
  back,
  backLabel,
  title,
  intro,
}: {
  back: string
  backLabel: ReactNode
  title: string
  intro?: ReactNode
}) {
  return (
    <header>
      <p className="eyebrow">
        <Link to={back}>{backLabel}</Link>
      </p>
      <h1>{title}</h1>
      {intro ? <p className="muted">{intro}</p> : null}
    </header>
  )
}
