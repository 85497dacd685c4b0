import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { data } from 'react-router'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { findOutboxMessage } from '../mail/outbox.server'
import { renderMail } from '../server/mails.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import type { Route } from './+types/outbox-message'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.subject} · Signet` : 'Signet' },
]

// One message: its delivery record, and the mail as it renders now (the HTML in a sandboxed
// frame from /outbox/:id/html, the plain-text part, the attachments).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const { db, config } = context.get(appContext)
  const found = await findOutboxMessage(db, user, params.id)
  if (!found) throw data({ code: 'not_found' }, { status: 404 })
  const { message: m, event } = found
  const rendered = await renderMail(db, config, m, { forDisplay: true })
  const lng = getLanguage(context)
  const zone = event?.timezone ?? 'UTC'
  const instant = (iso: string | null) => (iso ? formatDateTime(iso, zone, lng) : null)
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    recipient: m.recipient,
    language: m.language,
    attempts: m.attempts,
    messageId: m.message_id,
    lastError: m.last_error,
    file: m.file,
    created: instant(m.created_at),
    sentAt: instant(m.sent_at),
    nextAttempt: m.status === 'queued' ? instant(m.next_attempt_at) : null,
    event: event ? pickLocalized(event.title, lng) : null,
    subject: m.subject ?? (rendered.ok ? rendered.subject : m.kind),
    rendered: rendered.ok
      ? {
          text: rendered.text,
          attachments: rendered.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: a.content.length,
            inline: Boolean(a.cid),
          })),
        }
      : null,
    reason: rendered.ok ? null : rendered.reason,
  }
}

export default function OutboxMessage({ loaderData: m }: Route.ComponentProps) {
  const { t } = useTranslation()
  return (
    <section className="stack">
      <PageHeader back="/outbox" backLabel={t('email.outbox.detail.back')} title={m.subject} />
      <dl className="facts card">
        <Fact label={t('email.outbox.table.status')}>
          <span className={`badge mail-${m.status}`}>{t(`email.outbox.statuses.${m.status}`)}</span>
        </Fact>
        <Fact label={t('email.outbox.table.kind')}>{t(`email.outbox.kinds.${m.kind}`)}</Fact>
        {m.event ? (
          <Fact label={t('email.outbox.table.event')}>
            <LocalizedTextView value={m.event} />
          </Fact>
        ) : null}
        <Fact label={t('email.outbox.table.recipient')}>{m.recipient}</Fact>
        <Fact label={t('email.outbox.table.language')}>{t(`languages.${m.language}`)}</Fact>
        <Fact label={t('email.outbox.detail.created')}>{m.created}</Fact>
        {m.sentAt ? <Fact label={t('email.outbox.detail.sentAt')}>{m.sentAt}</Fact> : null}
        {m.nextAttempt ? <Fact label={t('email.outbox.detail.nextAttempt')}>{m.nextAttempt}</Fact> : null}
        <Fact label={t('email.outbox.table.attempts')}>{m.attempts}</Fact>
        {m.lastError ? <Fact label={t('email.outbox.detail.lastError')}>{m.lastError}</Fact> : null}
        <Fact label={t('email.outbox.detail.messageId')}>
          <code>{m.messageId}</code>
        </Fact>
        {m.file ? (
          <Fact label={t('email.outbox.detail.file')}>
            <code>{m.file}</code>
          </Fact>
        ) : null}
      </dl>
      {m.rendered ? (
        <>
          <p className="muted">{t('email.outbox.detail.rendered')}</p>
          <iframe
            className="mail-preview"
            src={`/outbox/${m.id}/html`}
            title={t('email.outbox.detail.frameTitle')}
            sandbox=""
            referrerPolicy="no-referrer"
          />
          {m.rendered.attachments.length > 0 ? (
            <>
              <h2>{t('email.outbox.detail.attachments')}</h2>
              <ul>
                {m.rendered.attachments.map((a) => (
                  <li key={a.filename}>
                    <code>{a.filename}</code> ({a.contentType}, {Math.ceil(a.size / 1024)} KB)
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <details className="card">
            <summary>{t('email.outbox.detail.text')}</summary>
            <pre className="mail-text">{m.rendered.text}</pre>
          </details>
        </>
      ) : (
        <p className="warning">
          {t('email.outbox.detail.notRenderable', { reason: t(`email.outbox.reasons.${m.reason ?? 'missing'}`) })}
        </p>
      )}
    </section>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}
