/**
 * The invitations page's data (app/routes/event-invitations.tsx): an event's invitations as
 * filtered by the query string, the funnel from invited to registered, the progress of the
 * invitation mails, the confirmation asked for (revoke or reissue a personal link), and what the
 * reader may do and see.
 */
import type { Kysely } from 'kysely'
import type { Database, Language } from '../../db/schema'
import type { requireEventAccess } from '../http/access.server'
import { formatDateTime } from '../i18n/format'
import { localizedField, pickLocalized, readTriple } from '../i18n/localized'
import { displayName, secondaryName } from '../people/names'
import type { FieldIssue } from '../validation/field-errors'
import type { InviteRefusal } from './invitation-list.server'
import { findInvitation, invitationMailProgress, listInvitations } from './invitation-list.server'
import { invitationFunnel, invitationLink } from './invitations.server'
import { pagingIssues, readPaging } from './list-paging'
import { INVITATION_SORTS, readInvitationQuery } from './registration-filter'
import { sessionTitles } from './registration-list.server'

type EventAccess = Awaited<ReturnType<typeof requireEventAccess>>

export type InvitationsPage = Awaited<ReturnType<typeof invitationsPage>>

export type LinkAction = 'revoke' | 'reissue'

export interface ConfirmLink {
  action: LinkAction
  id: string
  name: string
}

/** The invitations page for the reader of `access`, with the filters and confirmation of `params`. */
export async function invitationsPage(
  db: Kysely<Database>,
  config: { appUrl: URL; sessionSecret: string },
  access: Pick<EventAccess, 'event' | 'canEdit'>,
  params: URLSearchParams,
  lng: Language,
) {
  const { event, canEdit } = access
  // The personal link opens the delegate's registration: organizers only, never viewers.
  const canSeeLinks = canEdit
  const filter = readInvitationQuery(params)
  const { paging, issues } = readPaging(params, INVITATION_SORTS)
  const [funnel, list, progress, titles] = await Promise.all([
    invitationFunnel(db, event.id),
    listInvitations(db, event.id, { q: filter.q, status: filter.status || undefined }, { paging, language: lng }),
    invitationMailProgress(db, event.id),
    sessionTitles(db, event.id),
  ])
  const when = (iso: string | null) => (iso ? formatDateTime(iso, event.timezone, lng) : null)
  return {
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    canEdit,
    published: event.status === 'published',
    filter,
    funnel,
    progress,
    paging: { ...paging, page: list.window.page },
    window: list.window,
    pagingIssues: pagingIssues(issues, paging.page, list.window),
    matched: list.matched,
    total: list.total,
    confirm: canEdit ? await confirmation(db, event.id, params, lng) : null,
    invitations: list.items.map((i) => ({
      id: i.id,
      status: i.status,
      name: displayName(i, lng),
      secondary: secondaryName(i, lng),
      organization: i.organization ? pickLocalized(i.organization, lng) : null,
      email: i.email,
      language: i.language,
      vip: i.vip,
      sent: when(i.sentAt),
      reminded: when(i.remindedAt),
      answered: when(i.respondedAt),
      sessions: i.sessionIds.flatMap((id) => {
        const title = titles.get(id)
        return title ? [{ id, title: pickLocalized(title, lng) }] : []
      }),
      link: canSeeLinks ? invitationLink(config, { token_nonce: i.tokenNonce }) : null,
    })),
  }
}

/** The confirmation `params` ask for (`confirm`, `invitation`), if it names an invitation of the event. */
async function confirmation(
  db: Kysely<Database>,
  eventId: string,
  params: URLSearchParams,
  lng: Language,
): Promise<ConfirmLink | null> {
  const confirmParam = params.get('confirm')
  const action: LinkAction | null = confirmParam === 'revoke' || confirmParam === 'reissue' ? confirmParam : null
  if (!action) return null
  const confirming = await findInvitation(db, eventId, params.get('invitation') ?? '')
  return confirming ? { action, id: confirming.id, name: displayName(confirming.name, lng) } : null
}

/** A refused pick from the directory as the page says it, the person and the session named in `lng`. */
export async function inviteRefusalIssue(
  db: Kysely<Database>,
  refusal: InviteRefusal,
  lng: Language,
): Promise<FieldIssue> {
  switch (refusal.reason) {
    case 'none_picked':
      return { key: 'invitations.errors.nonePicked' }
    case 'too_many':
      return { key: 'invitations.errors.tooMany', values: { max: refusal.max } }
    case 'unknown_person':
      return { key: 'invitations.errors.unknownPerson' }
    case 'unknown_session':
      return { key: 'invitations.errors.unknownSession' }
    case 'vip_only_session': {
      const person = await db
        .selectFrom('people')
        .select(['family_name', 'given_name', 'latin_name'])
        .where('id', '=', refusal.personId)
        .executeTakeFirstOrThrow()
      const session = await db
        .selectFrom('sessions')
        .select(['title_zh', 'title_en', 'title_ja'])
        .where('id', '=', refusal.sessionId)
        .executeTakeFirstOrThrow()
      const name = displayName(
        { familyName: person.family_name, givenName: person.given_name, latinName: person.latin_name },
        lng,
      )
      return {
        key: 'invitations.errors.vipOnlySession',
        values: { person: name, session: readTriple(session, 'title')[lng] },
      }
    }
  }
}
