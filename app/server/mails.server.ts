/**
 * Every mail Signet sends, put together: each concept renders its own kinds (registration's,
 * accounts'), and the outbox worker of app/mail sends them all. The one module that knows both.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import {
  type MailConfig,
  type MailRenderers,
  type RenderableMessage,
  type RenderOptions,
  type RenderResult,
  renderWith,
} from '../mail/render.server'
import { type Mailers, type OutboxWorker, type OutboxWorkerOptions, startMailWorker } from '../mail/worker.server'
import { invitationFailed, invitationSent, queueEventReminders } from '../registration/mail-delivery.server'
import { registrationMails } from '../registration/mails.server'
import { accountMails } from '../users/mails.server'

const renderers: MailRenderers = { ...registrationMails, ...accountMails }

/** Renders one outbox row into a mail, by its kind; a row that can never be rendered says why. */
export function renderMail(
  db: Kysely<Database>,
  config: MailConfig,
  message: RenderableMessage,
  options: RenderOptions = {},
): Promise<RenderResult> {
  return renderWith(renderers, db, config, message, options)
}

const mailers: Mailers = {
  render: renderMail,
  sent: invitationSent,
  failed: invitationFailed,
  queueDue: queueEventReminders,
}

/** The outbox worker for every kind of mail (app/mail/worker.server.ts). */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  return startMailWorker({ ...options, mailers })
}
