/**
 * Rendering one outbox row into a mail, whatever its kind: the row's language and data, the
 * failure a row that can no longer be rendered ends in, and react-email's HTML and plain text.
 * What each kind says is its concept's (app/registration/mails.server.ts,
 * app/users/mails.server.ts); the app puts them together (app/server/mails.server.ts).
 */
import type { Kysely } from 'kysely'
import type { ReactElement } from 'react'
import type { Database, MailKind, OutboxMessage } from '../../db/schema'
import type { Config } from '../config.server'
import { isLanguage, type Language } from '../i18n/i18n'
import { oneLine } from './mail'
import { mailTranslator, type Translate } from './translate'

export interface MailAttachment {
  filename: string
  content: Buffer
  contentType: string
  /** set for an inline image, referenced from the HTML as cid:<cid> */
  cid?: string
}

export interface RenderedMail {
  subject: string
  html: string
  text: string
  attachments: MailAttachment[]
  /** the event's sender name and Reply-To address, when it gives them (ADR 0009: From stays MAIL_FROM's address) */
  sender?: MailSender
}

export interface MailSender {
  /** '' for MAIL_FROM as configured */
  name: string
  /** '' for none */
  replyTo: string
}

/** Why a row can never be rendered: it fails at once, without retries. */
export type MailFailureReason = 'revoked' | 'missing' | 'invalid_data'

export type RenderResult = ({ ok: true } & RenderedMail) | { ok: false; reason: MailFailureReason }

export type RenderableMessage = Pick<
  OutboxMessage,
  'kind' | 'event_id' | 'invitation_id' | 'registration_id' | 'language' | 'data'
>

export type MailConfig = Pick<Config, 'appUrl' | 'sessionSecret'>

export interface RenderOptions {
  /**
   * Rendered to be shown in a page (the Outbox), not sent: a link that sets an account's
   * password is replaced by a placeholder, so no admin or organizer ever holds someone else's.
   */
  forDisplay?: boolean
  now?: Date
}

/** What a kind's renderer gets besides the row: its language, a lookup in it, its parsed data. */
export interface MailContext {
  lng: Language
  t: Translate
  data: unknown
  options: RenderOptions
}

/** Renders one kind of mail; throws Unrenderable when the row can never be rendered. */
export type KindRenderer = (
  db: Kysely<Database>,
  config: MailConfig,
  message: RenderableMessage,
  context: MailContext,
) => Promise<RenderedMail>

/** The renderers of some kinds of mail, by kind. */
export type MailRenderers = Partial<Record<MailKind, KindRenderer>>

/** Thrown by a renderer: the row fails for this reason, without retries. */
export class Unrenderable extends Error {
  constructor(readonly reason: MailFailureReason) {
    super(reason)
  }
}

// Loaded with the first mail rather than at every start (see templates.server.ts).
let templates: Promise<typeof import('./templates.server')> | null = null
function loadTemplates() {
  templates ??= import('./templates.server')
  return templates
}

/** Renders a row with the renderer of its kind, in its language; an unknown kind is invalid data. */
export async function renderWith(
  renderers: MailRenderers,
  db: Kysely<Database>,
  config: MailConfig,
  message: RenderableMessage,
  options: RenderOptions = {},
): Promise<RenderResult> {
  try {
    const lng: Language = isLanguage(message.language) ? message.language : 'en'
    const t = mailTranslator(lng)
    const data = parseData(message.data)
    await loadTemplates()
    const render = renderers[message.kind]
    if (!render) throw new Unrenderable('invalid_data')
    const rendered = await render(db, config, message, { lng, t, data, options })
    return { ok: true, ...rendered, ...(await eventSender(db, message.event_id)) }
  } catch (error) {
    if (error instanceof Unrenderable) return { ok: false, reason: error.reason }
    throw error
  }
}

/** The HTML with inline (cid:) images replaced by data: URLs, for showing a mail in a page. */
export function inlineImages(html: string, attachments: readonly MailAttachment[]): string {
  let out = html
  for (const a of attachments) {
    if (!a.cid) continue
    out = out.replaceAll(`cid:${a.cid}`, `data:${a.contentType};base64,${a.content.toString('base64')}`)
  }
  return out
}

function parseData(json: string): unknown {
  try {
    return JSON.parse(json || '{}')
  } catch {
    throw new Unrenderable('invalid_data')
  }
}

/** A mail from its subject, its react-email element and its attachments: HTML and plain text. */
export async function finishMail(
  subject: string,
  element: ReactElement,
  attachments: MailAttachment[],
): Promise<RenderedMail> {
  const { render, toPlainText } = await loadTemplates()
  const html = render(element)
  const text = toPlainText(html)
  return { subject: oneLine(subject), html, text, attachments }
}

/** The sender name and Reply-To of the event a mail is about (its contact email when no Reply-To is given). */
async function eventSender(db: Kysely<Database>, eventId: string | null): Promise<{ sender?: MailSender }> {
  if (!eventId) return {}
  const event = await db
    .selectFrom('events')
    .select(['sender_name', 'reply_to', 'contact_email'])
    .where('id', '=', eventId)
    .executeTakeFirst()
  if (!event) return {}
  const replyTo = event.reply_to || event.contact_email
  return event.sender_name || replyTo ? { sender: { name: event.sender_name, replyTo } } : {}
}
