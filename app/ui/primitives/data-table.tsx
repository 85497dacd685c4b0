import type { ReactNode } from 'react'

/**
 * A data table that scrolls sideways on a narrow screen: its caption (for screen readers), the
 * cells of its head row, and its rows.
 */
export function DataTable({
  className,
  caption,
  head,
  children,
}: {
  /** classes besides `data-table` */
  className?: string
  caption?: ReactNode
  head: ReactNode
  children: ReactNode
}) {
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
