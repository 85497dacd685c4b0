/**
 * The registrations page's data (app/routes/event-registrations.tsx): an event's registrations as
 * filtered by the query string, the seats of each session, the filters' choices, the confirmation
 * asked for (cancel, reissue a ticket, promote from a waitlist) and what the reader may do.
 */
import type { Kysely } from 'kysely'
import type { Database, Language } from '../../db/schema'
import type { requireEventAccess } from '../http/access.server'
import { formatDateTime } from '../i18n/format'
import { localizedField, pickLocalized } from '../i18n/localized'
import { displayName, secondaryName } from '../people/names'
import { pagingIssues, readPaging } from './list-paging'
import { REGISTRATION_SORTS, readRegistrationQuery } from './registration-filter'
import {
  findRegistration,
  listRegistrations,
  registrationFilter,
  registrationFilterChoices,
  type SessionSeats,
  sessionSeats,
} from './registration-list.server'

type EventAccess = Awaited<ReturnType<typeof requireEventAccess>>

export type RegistrationsPage = Awaited<ReturnType<typeof registrationsPage>>

export type RegistrationAction = 'cancel' | 'reissue' | 'promote'

export interface ConfirmRegistration {
  action: RegistrationAction
  id: string
  name: string
  /** For a promotion: the session, and how full it is now. */
  session?: { id: string; title: string; taken: number; capacity: number | null }
}

/** The registrations page for the reader of `access`, with the filters and confirmation of `params`. */
export async function registrationsPage(
  db: Kysely<Database>,
  access: Pick<EventAccess, 'event' | 'user' | 'canEdit'>,
  params: URLSearchParams,
  lng: Language,
) {
  const { event, canEdit } = access
  const filter = readRegistrationQuery(params)
  const { paging, issues } = readPaging(params, REGISTRATION_SORTS)
  const [list, seats, choices] = await Promise.all([
    listRegistrations(db, event.id, registrationFilter(filter), { paging }),
    sessionSeats(db, event.id),
    registrationFilterChoices(db, event.id),
  ])
  const titles = new Map(seats.map((s) => [s.id, pickLocalized(s.title, lng)]))
  return {
    // The tickets' export holds every ticket's code: admins only.
    canExportTickets: access.user.isAdmin,
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    canEdit,
    filter,
    paging: { ...paging, page: list.window.page },
    window: list.window,
    pagingIssues: pagingIssues(issues, paging.page, list.window),
    matched: list.matched,
    total: list.total,
    choices,
    confirm: canEdit ? await confirmation(db, event.id, seats, params, lng) : null,
    seats: seats.map((s) => ({ ...s, title: pickLocalized(s.title, lng) })),
    registrations: list.items.map((r) => ({
      id: r.id,
      status: r.status,
      name: displayName(r, lng),
      secondary: secondaryName(r, lng),
      organization: r.organization,
      title: r.title,
      email: r.email,
      vip: r.vip,
      hasTicket: r.hasTicket,
      badgeRole: r.badgeRole ?? (r.vip ? 'vip' : 'delegate'),
      badgeRoleChosen: r.badgeRole !== null,
      registered: formatDateTime(r.createdAt, event.timezone, lng),
      seats: r.seats.flatMap((s) => {
        const title = titles.get(s.sessionId)
        return title ? [{ id: s.sessionId, status: s.status, title }] : []
      }),
    })),
  }
}

/** The confirmation `params` ask for (`confirm`, `registration`, for a promotion `session`), if it names what exists. */
async function confirmation(
  db: Kysely<Database>,
  eventId: string,
  seats: SessionSeats[],
  params: URLSearchParams,
  lng: Language,
): Promise<ConfirmRegistration | null> {
  const confirmParam = params.get('confirm')
  const action: RegistrationAction | null =
    confirmParam === 'cancel' || confirmParam === 'reissue' || confirmParam === 'promote' ? confirmParam : null
  if (!action) return null
  const confirming = await findRegistration(db, eventId, params.get('registration') ?? '')
  const promoteTo = action === 'promote' ? seats.find((s) => s.id === params.get('session')) : undefined
  if (!confirming || (action === 'promote' && !promoteTo)) return null
  return {
    action,
    id: confirming.id,
    name: displayName(confirming.name, lng),
    ...(promoteTo
      ? {
          session: {
            id: promoteTo.id,
            title: pickLocalized(promoteTo.title, lng).text,
            taken: promoteTo.confirmed,
            capacity: promoteTo.capacity,
          },
        }
      : {}),
  }
}
