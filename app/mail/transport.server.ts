/**
 * How a rendered mail leaves: through the SMTP server of SMTP_URL (nodemailer), or, when none is
 * configured, as an .eml file under MAIL_DIR that the organizers' Outbox page lists. Either way
 * the Message-ID is the outbox row's, fixed when it was queued, and From is MAIL_FROM's address,
 * under the event's sender name when it gives one, with its Reply-To.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { Config } from '../config.server'
import { oneLine } from './mail'
import type { RenderedMail } from './render.server'

export interface OutgoingMail extends RenderedMail {
  /** the outbox row's id: names the .eml file */
  id: string
  /** '<id@signet>' */
  messageId: string
  to: string
  date: Date
}

export interface SendResult {
  /** the .eml file, relative to MAIL_DIR (file transport only) */
  file: string | null
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file'
  send(mail: OutgoingMail): Promise<SendResult>
  close(): void
}

export type TransportConfig = Pick<Config, 'smtpUrl' | 'mailDir' | 'mailFrom'>

// Shorter than nodemailer's defaults (2 min to connect, 10 min idle) and far below the worker's
// claim on a message, so a hung server cannot make another instance send the message twice.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }

export function createMailTransport(config: TransportConfig): MailTransport {
  return config.smtpUrl
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : fileTransport(config.mailDir, config.mailFrom)
}

function smtpTransport(url: URL, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: url.toString(), ...TIMEOUTS })
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail(message(mail, from))
      return { file: null }
    },
    close() {
      transporter.close()
    },
  }
}

function fileTransport(dir: string, from: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    kind: 'file',
    async send(mail) {
      const info = await composer.sendMail(message(mail, from))
      if (!Buffer.isBuffer(info.message)) throw new Error('the stream transport returned no buffer')
      const file = `${mail.id}.eml`
      await mkdir(dir, { recursive: true })
      // Write then rename, so the Outbox page never shows half a file.
      const partial = join(dir, `.${file}.partial`)
      await writeFile(partial, info.message)
      await rename(partial, join(dir, file))
      return { file }
    },
    close() {
      composer.close()
    },
  }
}

/** MAIL_FROM's address under the event's sender name, when it gives one ("烟台市商务局" <noreply@…>). */
function fromOf(from: string, name: string | undefined): string | { name: string; address: string } {
  if (!name) return from
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim()
  return { name, address }
}

function message(mail: OutgoingMail, from: string) {
  return {
    from: fromOf(from, mail.sender?.name),
    ...(mail.sender?.replyTo ? { replyTo: mail.sender.replyTo } : {}),
    to: mail.to,
    // Always a Subject header: nodemailer leaves out one that is only blanks and line breaks.
    subject: oneLine(mail.subject) || 'Signet',
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    // Tells mail servers and out-of-office robots that no person sent this (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' as const } : {}),
    })),
  }
}
