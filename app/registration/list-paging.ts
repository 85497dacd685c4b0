/**
 * How the organizers' long lists (invitations, registrations) page and sort on the server: the
 * page, sort key and direction as they travel in the query string, read strictly, and the
 * window of rows a page shows. Pure, and shared with the browser (the pager and the sortable
 * column headings). A page past the end shows the last page and says so; an unknown sort key
 * sorts by the default and says so: the list never half-answers.
 */

export const PAGE_SIZE = 50

export type SortDirection = 'asc' | 'desc'

export interface Paging<S extends string> {
  page: number
  sort: S
  dir: SortDirection
}

/** What was wrong with the paging asked for, as a message key the page words. */
export type PagingIssue =
  | { key: 'paging.badPage'; values: { page: string } }
  | { key: 'paging.pastEnd'; values: { page: number; pages: number } }
  | { key: 'paging.unknownSort'; values: { sort: string } }

/** The paging `params` ask for among `sorts` (the first is the default), with what was refused. */
export function readPaging<S extends string>(
  params: URLSearchParams,
  sorts: readonly [S, ...S[]],
): { paging: Paging<S>; issues: PagingIssue[] } {
  const issues: PagingIssue[] = []
  const pageText = params.get('page')
  let page = 1
  if (pageText !== null && pageText !== '') {
    if (/^\d{1,7}$/.test(pageText) && Number(pageText) >= 1) page = Number(pageText)
    else issues.push({ key: 'paging.badPage', values: { page: pageText.slice(0, 20) } })
  }
  const sortText = params.get('sort')
  let sort = sorts[0]
  if (sortText !== null && sortText !== '') {
    const known = sorts.find((s) => s === sortText)
    if (known) sort = known
    else issues.push({ key: 'paging.unknownSort', values: { sort: sortText.slice(0, 40) } })
  }
  const dir: SortDirection = params.get('dir') === 'desc' ? 'desc' : 'asc'
  return { paging: { page, sort, dir }, issues }
}

export interface PageWindow {
  /** the page shown, 1-based: the one asked for, or the last when that is past the end */
  page: number
  pages: number
  offset: number
  limit: number
  /** the page asked for was past the end */
  pastEnd: boolean
}

/** The rows page `page` of `matched` shows, `size` to a page; an empty list has one (empty) page. */
export function pageWindow(matched: number, page: number, size = PAGE_SIZE): PageWindow {
  const pages = Math.max(1, Math.ceil(matched / size))
  const shown = Math.min(Math.max(1, page), pages)
  return { page: shown, pages, offset: (shown - 1) * size, limit: size, pastEnd: page > pages }
}

/** Whether `column` is one of a list's sort keys (a column heading that sorts, or one that does not). */
export function isSortKey<S extends string>(sorts: readonly S[], column: string): column is S {
  return (sorts as readonly string[]).includes(column)
}

/** The issues of a read paging and its window together, for the page's notice. */
export function pagingIssues(issues: readonly PagingIssue[], asked: number, window: PageWindow): PagingIssue[] {
  return window.pastEnd
    ? [...issues, { key: 'paging.pastEnd', values: { page: asked, pages: window.pages } }]
    : [...issues]
}

/** The query string of a list with its filters (`filterQuery`) at another page or sort. */
export function pagingQuery<S extends string>(
  filterQuery: string,
  paging: Paging<S>,
  defaults: { sort: S },
  change: Partial<Paging<S>>,
): string {
  const next = { ...paging, ...change }
  const params = new URLSearchParams(filterQuery)
  if (next.sort !== defaults.sort) params.set('sort', next.sort)
  if (next.dir === 'desc') params.set('dir', 'desc')
  if (next.page > 1) params.set('page', String(next.page))
  return params.toString()
}
