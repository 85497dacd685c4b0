/**
 * The directory's search as it travels in the query string (/people, and inviting to an event
 * from the directory), read strictly: unknown values are dropped. Pure.
 */
import type { PeopleFilter } from './people.server'

export interface DirectoryQuery {
  q: string
  /** ISO-2 country of the person's organization, or '' for any */
  country: string
  vip: 'yes' | 'no' | ''
}

export function readDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const country = (params.get('country') ?? '').toUpperCase()
  const vip = params.get('vip') ?? ''
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    country: /^[A-Z]{2}$/.test(country) ? country : '',
    vip: vip === 'yes' || vip === 'no' ? vip : '',
  }
}

/** The directory filter a (strictly read) query asks for. */
export function directoryFilter(query: DirectoryQuery): PeopleFilter {
  return {
    q: query.q,
    country: query.country || undefined,
    vip: query.vip === '' ? undefined : query.vip === 'yes',
  }
}
