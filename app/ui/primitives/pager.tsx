import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PageWindow, Paging, SortDirection } from '../../registration/list-paging'

/**
 * A long list's pages: where the reader is ("Showing 51–100 of 5,000", page 2 of 100) and
 * links to the first, previous, next and last pages. `href` makes the link to a page.
 */
export function Pager({
  window,
  matched,
  href,
}: {
  window: PageWindow
  matched: number
  href: (page: number) => string
}) {
  const { t } = useTranslation()
  if (matched === 0) return null
  const from = window.offset + 1
  const to = Math.min(window.offset + window.limit, matched)
  const step = (page: number, label: string, rel?: string) =>
    page === window.page || page < 1 || page > window.pages ? (
      <span className="pager-step muted" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link className="pager-step" to={href(page)} rel={rel} aria-label={`${label}: ${t('paging.goTo', { page })}`}>
        {label}
      </Link>
    )
  return (
    <nav className="pager" aria-label={t('paging.label')} data-page={window.page} data-pages={window.pages}>
      <span className="muted">{t('paging.summary', { from, to, matched })}</span>
      {window.pages > 1 ? (
        <span className="pager-steps">
          {step(1, t('paging.first'))}
          {step(window.page - 1, t('paging.previous'), 'prev')}
          <span aria-current="page">{t('paging.page', { page: window.page, pages: window.pages })}</span>
          {step(window.page + 1, t('paging.next'), 'next')}
          {step(window.pages, t('paging.last'))}
        </span>
      ) : null}
    </nav>
  )
}

/**
 * A column heading that sorts the list on the server: a link that sorts by it (ascending, or
 * the other way when it already sorts), with aria-sort on the heading.
 */
export function SortHeading<S extends string>({
  column,
  label,
  paging,
  href,
}: {
  column: S
  label: string
  paging: Paging<S>
  href: (sort: S, dir: SortDirection) => string
}) {
  const { t } = useTranslation()
  const active = paging.sort === column
  const next: SortDirection = active && paging.dir === 'asc' ? 'desc' : 'asc'
  return (
    <th scope="col" aria-sort={active ? (paging.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={href(column, next)} className="sort-link" title={t('paging.sortBy', { column: label })}>
        {label}
        {active ? <span aria-hidden="true">{paging.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </Link>
    </th>
  )
}
