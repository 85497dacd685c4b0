import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import type { MailKind, OutboxStatus } from '../../db/schema'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { listOutbox, MAIL_KINDS, OUTBOX_LIST_LIMIT, OUTBOX_STATUSES } from '../mail/outbox.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import type { Route } from './+types/outbox'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

function readFilter(url: URL) {
  const status = url.searchParams.get('status') ?? ''
  const kind = url.searchParams.get('kind') ?? ''
  const event = (url.searchParams.get('event') ?? '').slice(0, 200)
  return {
    status: OUTBOX_STATUSES.find((s): s is OutboxStatus => s === status),
    kind: MAIL_KINDS.find((k): k is MailKind => k === kind),
    event: event || undefined,
  }
}

// Every mail Signet sends, newest first: admins see all, organizers the mail of their events.
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const { db, config } = context.get(appContext)
  const filter = readFilter(new URL(request.url))
  const list = await listOutbox(db, user, filter)
  if (!list) throw data({ code: 'forbidden' }, { status: 403 })
  const lng = getLanguage(context)
  const events = new Map(list.events.map((e) => [e.id, e]))
  return {
    pageTitle: getI18n(context).t('email.outbox.title'),
    // Only the host: SMTP_URL may carry a password.
    transport: config.smtpUrl
      ? { kind: 'smtp' as const, where: config.smtpUrl.host }
      : { kind: 'file' as const, where: config.mailDir },
    filter: { status: filter.status ?? '', kind: filter.kind ?? '', event: filter.event ?? '' },
    counts: list.counts,
    total: list.total,
    limit: OUTBOX_LIST_LIMIT,
    statuses: OUTBOX_STATUSES,
    kinds: MAIL_KINDS,
    events: list.events.map((e) => ({ slug: e.slug, title: pickLocalized(e.title, lng) })),
    messages: list.messages.map((m) => {
      const event = m.event_id ? events.get(m.event_id) : undefined
      return {
        id: m.id,
        kind: m.kind,
        recipient: m.recipient,
        language: m.language,
        status: m.status,
        attempts: m.attempts,
        subject: m.subject,
        created: formatDateTime(m.created_at, event?.timezone ?? 'UTC', lng),
        event: event ? pickLocalized(event.title, lng) : null,
      }
    }),
  }
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const { filter, counts, transport } = loaderData
  return (
    <section className="stack">
      <div className="section-head">
        <div>
          <h1>{t('email.outbox.title')}</h1>
          <p className="muted">{t('email.outbox.intro')}</p>
        </div>
      </div>
      <p className="notice">
        {transport.kind === 'smtp'
          ? t('email.outbox.transportSmtp', { host: transport.where })
          : t('email.outbox.transportFile', { dir: transport.where })}
      </p>
      <Form method="get" className="card outbox-filter" aria-label={t('email.outbox.filter.legend')}>
        <div className="field">
          <label htmlFor="status">{t('email.outbox.filter.status')}</label>
          <select id="status" name="status" defaultValue={filter.status}>
            <option value="">{t('email.outbox.filter.any')}</option>
            {loaderData.statuses.map((s) => (
              <option key={s} value={s}>
                {t(`email.outbox.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">{t('email.outbox.filter.kind')}</label>
          <select id="kind" name="kind" defaultValue={filter.kind}>
            <option value="">{t('email.outbox.filter.any')}</option>
            {loaderData.kinds.map((k) => (
              <option key={k} value={k}>
                {t(`email.outbox.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="event">{t('email.outbox.filter.event')}</label>
          <select id="event" name="event" defaultValue={filter.event}>
            <option value="">{t('email.outbox.filter.any')}</option>
            {loaderData.events.map((e) => (
              <option key={e.slug} value={e.slug}>
                {e.title.text}
              </option>
            ))}
          </select>
        </div>
        <p className="people-search-actions">
          <button type="submit" className="button">
            {t('email.outbox.filter.submit')}
          </button>{' '}
          <Link to="/outbox">{t('email.outbox.filter.clear')}</Link>
        </p>
      </Form>
      <p className="muted" role="status">
        {t('email.outbox.counts', counts)}
        {loaderData.total > loaderData.messages.length
          ? ` ${t('email.outbox.limited', { limit: loaderData.limit, total: loaderData.total })}`
          : null}
      </p>
      {loaderData.messages.length === 0 ? (
        <p className="card muted">{t('email.outbox.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('email.outbox.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('email.outbox.table.created')}</th>
                <th scope="col">{t('email.outbox.table.event')}</th>
                <th scope="col">{t('email.outbox.table.kind')}</th>
                <th scope="col">{t('email.outbox.table.recipient')}</th>
                <th scope="col">{t('email.outbox.table.language')}</th>
                <th scope="col">{t('email.outbox.table.subject')}</th>
                <th scope="col">{t('email.outbox.table.status')}</th>
                <th scope="col">{t('email.outbox.table.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.messages.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{m.created}</td>
                  <td>{m.event ? <LocalizedTextView value={m.event} /> : null}</td>
                  <td className="nowrap">{t(`email.outbox.kinds.${m.kind}`)}</td>
                  <td>{m.recipient}</td>
                  <td className="nowrap">{t(`languages.${m.language}`)}</td>
                  <td>
                    <Link to={`/outbox/${m.id}`}>{m.subject ?? t(`email.outbox.kinds.${m.kind}`)}</Link>
                  </td>
                  <td className="nowrap">
                    <span className={`badge mail-${m.status}`}>{t(`email.outbox.statuses.${m.status}`)}</span>
                  </td>
                  <td>{m.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
