import { describe, expect, it } from 'vitest'
import { isSortKey, pageWindow, pagingIssues, pagingQuery, readPaging } from '../../app/registration/list-paging'

const SORTS = ['name', 'status', 'sent'] as const
const read = (query: string) => readPaging(new URLSearchParams(query), SORTS)

describe('list paging', () => {
  it('reads the page, sort and direction from the query, by name ascending from page 1 by default', () => {
    expect(read('')).toEqual({ paging: { page: 1, sort: 'name', dir: 'asc' }, issues: [] })
    expect(read('page=3&sort=sent&dir=desc')).toEqual({ paging: { page: 3, sort: 'sent', dir: 'desc' }, issues: [] })
    expect(read('dir=sideways').paging.dir).toBe('asc')
  })

  it('refuses a page that is not a page number, and a sort key it does not know, saying which', () => {
    for (const page of ['0', '-1', 'abc', '1.5', '99999999']) {
      expect(read(`page=${page}`)).toEqual({
        paging: { page: 1, sort: 'name', dir: 'asc' },
        issues: [{ key: 'paging.badPage', values: { page } }],
      })
    }
    expect(read('sort=<script>alert(1)</script>')).toEqual({
      paging: { page: 1, sort: 'name', dir: 'asc' },
      issues: [{ key: 'paging.unknownSort', values: { sort: '<script>alert(1)</script>' } }],
    })
    // an inherited property is no sort key either
    expect(read('sort=constructor').paging.sort).toBe('name')
  })

  it('tells a sortable column from one that is not', () => {
    expect(isSortKey(SORTS, 'sent')).toBe(true)
    expect(isSortKey(SORTS, 'email')).toBe(false)
  })

  it('windows the rows of a page, and shows the last page for one past the end', () => {
    expect(pageWindow(5000, 1)).toEqual({ page: 1, pages: 100, offset: 0, limit: 50, pastEnd: false })
    expect(pageWindow(5000, 100)).toEqual({ page: 100, pages: 100, offset: 4950, limit: 50, pastEnd: false })
    expect(pageWindow(5001, 101)).toEqual({ page: 101, pages: 101, offset: 5000, limit: 50, pastEnd: false })
    expect(pageWindow(120, 9)).toEqual({ page: 3, pages: 3, offset: 100, limit: 50, pastEnd: true })
    expect(pageWindow(0, 1)).toEqual({ page: 1, pages: 1, offset: 0, limit: 50, pastEnd: false })
    expect(pageWindow(0, 2).pastEnd).toBe(true)
  })

  it('says a page past the end, with how many pages there are', () => {
    expect(pagingIssues([], 9, pageWindow(120, 9))).toEqual([{ key: 'paging.pastEnd', values: { page: 9, pages: 3 } }])
    expect(pagingIssues([], 2, pageWindow(120, 2))).toEqual([])
  })

  it('links another page or sort keeping the filters, leaving defaults out of the URL', () => {
    const paging = { page: 2, sort: 'name' as const, dir: 'asc' as const }
    expect(pagingQuery('q=sato&status=sent', paging, { sort: 'name' }, { page: 3 })).toBe('q=sato&status=sent&page=3')
    expect(pagingQuery('q=sato', paging, { sort: 'name' }, { sort: 'sent', dir: 'desc', page: 1 })).toBe(
      'q=sato&sort=sent&dir=desc',
    )
    expect(pagingQuery('', paging, { sort: 'name' }, { page: 1 })).toBe('')
  })
})
