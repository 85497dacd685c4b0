import type { ReactNode } from 'react'
import { Link } from 'react-router'

/**
 * A page's heading with a link back to where it belongs (`back`, worded by `backLabel`, followed
 * by `trail` when the way back has more steps), an optional line under it, and what else the page
 * puts in its header (a toolbar, a meta row).
 */
export function PageHeader({
  back,
  backLabel,
  trail,
  eyebrowClassName,
  title,
  intro,
  className,
  children,
}: {
  back: string
  backLabel: ReactNode
  trail?: ReactNode
  eyebrowClassName?: string
  title: ReactNode
  intro?: ReactNode
  className?: string
  children?: ReactNode
}) {
  return (
    <header className={className}>
      <p className={eyebrowClassName ? `eyebrow ${eyebrowClassName}` : 'eyebrow'}>
        <Link to={back}>{backLabel}</Link>
        {trail}
      </p>
      <h1>{title}</h1>
      {intro ? <p className="muted">{intro}</p> : null}
      {children}
    </header>
  )
}
