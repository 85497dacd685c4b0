import { createElement } from 'react'
import { z } from 'zod'
import { formatDateRange, formatDay, localDateOf } from '../i18n/format'
import { finishMail as finish, type KindRenderer, type MailRenderers, Unrenderable } from '../mail/render.server'
import { utcToZoned } from '../time/zoned'
import {
  calendarAttachment,
  invitationContext,
  invitationUrl,
  itinerary,
  mailEvent,
  programme,
  registrationContext,
  requirePortal,
  sessionsByIds,
  ticketParts,
} from './mail-parts.server'
import { invitationToken } from './secrets.server'

const waitlistData = z.object({ sessionIds: z.array(z.string()).min(1), state: z.enum(['waitlisted', 'promoted']) })
const cancellationData = z.object({ sessionIds: z.array(z.string()).optional() })
const accessLinkData = z.object({ state: z.enum(['known', 'pending']) })
const eventReminderData = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
})

// Loaded with the first mail rather than at every start (see mail-templates.server.ts).
let templates: Promise<typeof import('./mail-templates.server')> | null = null
function loadTemplates() {
  templates ??= import('./mail-templates.server')
  return templates
}

/** A bulk send's preview or test mail: the invitation as its person would get it, without their link. */
export const sampleData = z.object({ sample: z.literal(true) })

const invitationMail: KindRenderer = async (db, config, message, { lng, t, data }) => {
  const sample = sampleData.safeParse(data).success
  const { invitation, event, recipient } = await invitationContext(db, message, lng, sample)
  // A sample's links lead to the event's public page: an organizer's test never holds a delegate's link.
  const sampleUrl = new URL(`/e/${encodeURIComponent(event.slug)}`, config.appUrl).toString()
  const token = sample ? '' : invitationToken(config.sessionSecret, invitation.token_nonce)
  const named = await db
    .selectFrom('invitation_sessions')
    .select('session_id')
    .where('invitation_id', '=', invitation.id)
    .execute()
  const sessions =
    named.length > 0
      ? await sessionsByIds(
          db,
          event.id,
          named.map((r) => r.session_id),
        )
      : []
  // expires_at is the end of the event's last day: show that day.
  const lastDay = localDateOf(new Date(Date.parse(invitation.expires_at) - 1), event.timezone)
  const e = mailEvent(event, lng)
  const reminder = message.kind === 'reminder'
  const { InvitationMail } = await loadTemplates()
  const element = createElement(InvitationMail, {
    lng,
    recipient,
    event: e,
    reminder,
    inviteUrl: sample ? sampleUrl : invitationUrl(config.appUrl, token),
    declineUrl: sample ? sampleUrl : invitationUrl(config.appUrl, token, 'decline'),
    expires: formatDateRange(lastDay, lastDay, lng),
    sessions:
      sessions.length > 0
        ? itinerary(
            sessions.map((session) => ({ session, waitlisted: false })),
            event,
            lng,
            t,
          )
        : null,
  })
  return finish(t(reminder ? 'email.reminder.subject' : 'email.invitation.subject', { event: e.title }), element, [])
}

const accessLinkMail: KindRenderer = async (db, config, message, { lng, t, data }) => {
  const parsed = accessLinkData.safeParse(data)
  if (!parsed.success) throw new Unrenderable('invalid_data')
  const { invitation, event, recipient } = await invitationContext(db, message, lng)
  const e = mailEvent(event, lng)
  const { AccessLinkMail } = await loadTemplates()
  const element = createElement(AccessLinkMail, {
    lng,
    recipient,
    event: e,
    state: parsed.data.state,
    portalUrl: invitationUrl(config.appUrl, invitationToken(config.sessionSecret, invitation.token_nonce)),
  })
  return finish(t(`email.accessLink.${parsed.data.state}.subject`, { event: e.title }), element, [])
}

/** The confirmation and the changes: the programme, the ticket and the calendar. */
const programmeMail: KindRenderer = async (db, config, message, { lng, t }) => {
  const { ChangesMail, ConfirmationMail } = await loadTemplates()
  const ctx = await registrationContext(db, config, message, lng)
  const sessions = await programme(db, ctx)
  const ticket = await ticketParts(config, ctx.registration)
  const props = {
    lng,
    recipient: ctx.recipient,
    event: ctx.mailEvent,
    ticket: ticket.ticket,
    itinerary: itinerary(sessions, ctx.event, lng, t),
    portalUrl: requirePortal(ctx.portalUrl),
  }
  const element =
    message.kind === 'confirmation' ? createElement(ConfirmationMail, props) : createElement(ChangesMail, props)
  const confirmed = sessions.filter((s) => !s.waitlisted).map((s) => s.session)
  return finish(t(`email.${message.kind}.subject`, { event: ctx.mailEvent.title }), element, [
    ticket.attachment,
    calendarAttachment(ctx.event, confirmed, lng, config, t),
  ])
}

const waitlistMail: KindRenderer = async (db, config, message, { lng, t, data }) => {
  const { WaitlistMail } = await loadTemplates()
  const parsed = waitlistData.safeParse(data)
  if (!parsed.success) throw new Unrenderable('invalid_data')
  const ctx = await registrationContext(db, config, message, lng)
  const chosen = await sessionsByIds(db, ctx.event.id, parsed.data.sessionIds)
  const element = createElement(WaitlistMail, {
    lng,
    recipient: ctx.recipient,
    event: ctx.mailEvent,
    state: parsed.data.state,
    sessions: itinerary(
      chosen.map((session) => ({ session, waitlisted: false })),
      ctx.event,
      lng,
      t,
    ),
    portalUrl: requirePortal(ctx.portalUrl),
  })
  return finish(t(`email.waitlist.${parsed.data.state}.subject`, { event: ctx.mailEvent.title }), element, [])
}

const eventReminderMail: KindRenderer = async (db, config, message, { lng, t, data }) => {
  const { EventReminderMail } = await loadTemplates()
  const parsed = eventReminderData.safeParse(data)
  if (!parsed.success) throw new Unrenderable('invalid_data')
  const ctx = await registrationContext(db, config, message, lng)
  const day = parsed.data.day ?? ctx.event.starts_on
  const sessions = (await programme(db, ctx)).filter(
    (s) => !s.waitlisted && utcToZoned(s.session.starts_at, ctx.event.timezone).date === day,
  )
  const ticket = await ticketParts(config, ctx.registration)
  const element = createElement(EventReminderMail, {
    lng,
    recipient: ctx.recipient,
    event: ctx.mailEvent,
    day: formatDay(day, lng),
    itinerary: itinerary(sessions, ctx.event, lng, t),
    ticket: ticket.ticket,
    portalUrl: requirePortal(ctx.portalUrl),
  })
  return finish(t('email.eventReminder.subject', { event: ctx.mailEvent.title }), element, [ticket.attachment])
}

const cancellationMail: KindRenderer = async (db, config, message, { lng, t, data }) => {
  const { CancellationMail } = await loadTemplates()
  const parsed = cancellationData.safeParse(data)
  if (!parsed.success) throw new Unrenderable('invalid_data')
  const ctx = await registrationContext(db, config, message, lng)
  const ids = parsed.data.sessionIds ?? []
  const partial = ids.length > 0
  const cancelled = partial ? await sessionsByIds(db, ctx.event.id, ids) : []
  const element = createElement(CancellationMail, {
    lng,
    recipient: ctx.recipient,
    event: ctx.mailEvent,
    sessions: partial
      ? itinerary(
          cancelled.map((session) => ({ session, waitlisted: false })),
          ctx.event,
          lng,
          t,
        )
      : null,
    // The registration goes on only after a partial cancellation: then the delegate's page is useful.
    portalUrl: partial && ctx.registration.status !== 'cancelled' ? ctx.portalUrl : null,
  })
  const subject = partial ? 'email.cancellation.sessionsSubject' : 'email.cancellation.subject'
  return finish(t(subject, { event: ctx.mailEvent.title }), element, [])
}

/** Registration's mails, by kind. */
export const registrationMails: MailRenderers = {
  invitation: invitationMail,
  reminder: invitationMail,
  access_link: accessLinkMail,
  confirmation: programmeMail,
  changes: programmeMail,
  waitlist: waitlistMail,
  event_reminder: eventReminderMail,
  cancellation: cancellationMail,
}
