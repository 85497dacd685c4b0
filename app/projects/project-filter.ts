/**
 * The projects list's filters as the GET form sends them: industry chain, a party's country
 * (ISO-2), status and event (slug). Unknown values are dropped, so a hand-edited URL shows
 * everything rather than nothing.
 */
import type { ProjectStatus } from '../../db/schema'
import { PROJECT_STATUSES } from './statuses'

export interface ProjectQuery {
  chain: string
  country: string
  status: ProjectStatus | ''
  event: string
}

const isStatus = (value: string): value is ProjectStatus => (PROJECT_STATUSES as readonly string[]).includes(value)

export function readProjectQuery(params: URLSearchParams): ProjectQuery {
  const chain = (params.get('chain') ?? '').trim().toLowerCase()
  const country = (params.get('country') ?? '').trim().toUpperCase()
  const status = (params.get('status') ?? '').trim()
  const event = (params.get('event') ?? '').trim().toLowerCase()
  return {
    chain: /^[a-z0-9]+(-[a-z0-9]+)*$/.test(chain) && chain.length <= 40 ? chain : '',
    country: /^[A-Z]{2}$/.test(country) ? country : '',
    status: isStatus(status) ? status : '',
    event: /^[a-z0-9]+(-[a-z0-9]+)*$/.test(event) && event.length <= 80 ? event : '',
  }
}

/** The filters that are set, as a query string for links (the export keeps them). */
export function projectQueryString(query: ProjectQuery): string {
  const params = new URLSearchParams()
  for (const name of ['chain', 'country', 'status', 'event'] as const) if (query[name]) params.set(name, query[name])
  return params.toString()
}
