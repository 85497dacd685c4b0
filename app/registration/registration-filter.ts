/**
 * The organizers' list filters as they travel in the query string (the invitations page, the
 * registrations page and its CSV export), read strictly: unknown values are dropped. Pure, and
 * shared with the browser (the pages' status menus).
 */
import type { InvitationStatus, RegistrationStatus } from '../../db/schema'

export const INVITATION_STATUSES: readonly InvitationStatus[] = [
  'draft',
  'queued',
  'sent',
  'registered',
  'declined',
  'bounced',
  'failed',
]

export function isInvitationStatus(value: unknown): value is InvitationStatus {
  return typeof value === 'string' && (INVITATION_STATUSES as readonly string[]).includes(value)
}

/** The invitations list's sort keys (list-paging.ts); the first is the default. */
export const INVITATION_SORTS = ['name', 'organization', 'status', 'sent'] as const
export type InvitationSort = (typeof INVITATION_SORTS)[number]

export interface InvitationQuery {
  q: string
  status: InvitationStatus | ''
}

export function readInvitationQuery(params: URLSearchParams): InvitationQuery {
  const status = params.get('status')
  return { q: (params.get('q') ?? '').slice(0, 200), status: isInvitationStatus(status) ? status : '' }
}

/** The query string of the invitation filters that are set ('' when none). */
export function invitationQueryString(query: InvitationQuery): string {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  if (query.status) params.set('status', query.status)
  return params.toString()
}

export const REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'cancelled']

export function isRegistrationStatus(value: unknown): value is RegistrationStatus {
  return typeof value === 'string' && (REGISTRATION_STATUSES as readonly string[]).includes(value)
}

/** The registrations list's sort keys (list-paging.ts); the first is the default. */
export const REGISTRATION_SORTS = ['name', 'organization', 'status', 'registered'] as const
export type RegistrationSort = (typeof REGISTRATION_SORTS)[number]

export interface RegistrationQuery {
  q: string
  status: RegistrationStatus | ''
  session: string
  organization: string
  country: string
  vip: 'yes' | 'no' | ''
}

export function readRegistrationQuery(params: URLSearchParams): RegistrationQuery {
  const status = params.get('status')
  const country = (params.get('country') ?? '').toUpperCase()
  const vip = params.get('vip') ?? ''
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    status: isRegistrationStatus(status) ? status : '',
    session: (params.get('session') ?? '').slice(0, 64),
    organization: (params.get('organization') ?? '').slice(0, 200),
    country: /^[A-Z]{2}$/.test(country) ? country : '',
    vip: vip === 'yes' || vip === 'no' ? vip : '',
  }
}

/** The query string of the filters that are set ('' when none). */
export function registrationQueryString(query: RegistrationQuery): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  return params.toString()
}
