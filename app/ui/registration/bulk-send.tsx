/**
 * The bulk send pages (app/routes/event-bulk-send.tsx, event-mail-batch.tsx): how many people a
 * send or reminder reaches and who (the filter in words), the mail in each of their languages
 * with a test to yourself, one confirmation that cannot be pressed twice, and then the batch's
 * progress, live while mails are still queued.
 */
import { useTranslation } from 'react-i18next'
import { Form, Link, useNavigation } from 'react-router'
import type { Language } from '../../../db/schema'
import type { BulkSendPage, MailBatchPage } from '../../registration/bulk-send-page.server'
import type { InvitationQuery } from '../../registration/registration-filter'
import { invitationQueryString } from '../../registration/registration-filter'
import { LocalizedTextView } from '../primitives/localized-text'
import { ActionNotice, type Notice } from '../primitives/notice'
import { PageHeader } from '../primitives/page-header'
import { useRevalidateWhile } from '../primitives/revalidate-while'

/** "Everyone invited", "people matching “佐藤”", "status: Draft", or both. */
function useFilterWords(): (filter: InvitationQuery) => string {
  const { t } = useTranslation()
  return (filter) => {
    const status = filter.status ? t(`invitations.statuses.${filter.status}`) : ''
    if (filter.q && status) return t('bulkSend.filter.both', { q: filter.q, status })
    if (filter.q) return t('bulkSend.filter.q', { q: filter.q })
    if (status) return t('bulkSend.filter.status', { status })
    return t('bulkSend.filter.all')
  }
}

function withQuery(path: string, params: Record<string, string>, filter?: InvitationQuery): string {
  const query = new URLSearchParams(filter ? invitationQueryString(filter) : '')
  for (const [k, v] of Object.entries(params)) query.set(k, v)
  return `${path}?${query}`
}

export function BulkSendView({ d, notice, title }: { d: BulkSendPage; notice?: Notice; title: string }) {
  const { t } = useTranslation()
  const filterWords = useFilterWords()
  const navigation = useNavigation()
  const base = `/events/${d.slug}/invitations`
  const listHref = invitationQueryString(d.filter) ? `${base}?${invitationQueryString(d.filter)}` : base
  const action = withQuery(`${base}/send`, { mode: d.mode }, d.filter)
  const confirming = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'confirm'
  const a = d.audience
  return (
    <section className="stack">
      <PageHeader
        back={listHref}
        backLabel={t('invitations.title')}
        trail={
          <>
            {' · '}
            <LocalizedTextView value={d.eventTitle} />
          </>
        }
        title={title}
        intro={t(`bulkSend.intro.${d.mode}`)}
      />
      {!d.published ? <p className="warning">{t('invitations.notPublished')}</p> : null}
      <ActionNotice notice={notice} version={notice} />
      <section className="card stack" aria-labelledby="bulk-who">
        <h2 id="bulk-who">{t('bulkSend.who.title')}</h2>
        <p data-recipients={a.recipients}>
          <strong>{t(`bulkSend.who.recipients.${d.mode}`, { count: a.recipients })}</strong>
        </p>
        <p>{t('bulkSend.who.filter', { filter: filterWords(d.filter), count: a.matched })}</p>
        {a.noEmail > 0 ? <p className="warning">{t('bulkSend.who.noEmail', { count: a.noEmail })}</p> : null}
        {a.skipped > 0 ? <p className="muted">{t(`bulkSend.who.skipped.${d.mode}`, { count: a.skipped })}</p> : null}
        {a.languages.length > 0 ? (
          <ul className="plain-list">
            {a.languages.map((l) => (
              <li key={l.language}>
                {t('bulkSend.who.language', { language: t(`languages.${l.language}`), count: l.count })}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {a.languages.map((l) => (
        <section
          key={l.language}
          className="card stack"
          aria-labelledby={`preview-${l.language}`}
          data-preview={l.language}
        >
          <h2 id={`preview-${l.language}`}>
            {t('bulkSend.preview.title', { language: t(`languages.${l.language}`), count: l.count })}
          </h2>
          <p className="muted">{t('bulkSend.preview.note')}</p>
          <iframe
            className="mail-preview"
            src={withQuery(`${base}/send/preview/${l.language}`, { mode: d.mode, invitation: l.sampleInvitationId })}
            title={t('bulkSend.preview.frameTitle', { language: t(`languages.${l.language}`) })}
            sandbox=""
            referrerPolicy="no-referrer"
          />
          <TestSend action={action} language={l.language} invitation={l.sampleInvitationId} />
        </section>
      ))}

      <section className="card stack" aria-labelledby="bulk-confirm">
        <h2 id="bulk-confirm">{t('bulkSend.confirm.title')}</h2>
        {a.recipients === 0 ? (
          <p className="muted">{t('bulkSend.confirm.nobody')}</p>
        ) : (
          <Form method="post" action={action} className="stack">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="key" value={d.key} />
            <p>
              <button type="submit" className="button" disabled={confirming} aria-disabled={confirming}>
                {confirming
                  ? t('bulkSend.confirm.sending')
                  : t(`bulkSend.confirm.submit.${d.mode}`, { count: a.recipients })}
              </button>{' '}
              <Link to={listHref}>{t('bulkSend.confirm.cancel')}</Link>
            </p>
          </Form>
        )}
      </section>
    </section>
  )
}

function TestSend({ action, language, invitation }: { action: string; language: Language; invitation: string }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const busy =
    navigation.state !== 'idle' &&
    navigation.formData?.get('intent') === 'test' &&
    navigation.formData?.get('language') === language
  return (
    <Form method="post" action={action}>
      <input type="hidden" name="intent" value="test" />
      <input type="hidden" name="language" value={language} />
      <input type="hidden" name="invitation" value={invitation} />
      <button type="submit" className="button button-secondary" disabled={busy}>
        {t('bulkSend.preview.test')}
      </button>
    </Form>
  )
}

export function MailBatchView({ d, title }: { d: MailBatchPage; title: string }) {
  const { t } = useTranslation()
  const filterWords = useFilterWords()
  useRevalidateWhile(d.pending > 0)
  const total = d.batch.queued
  const done = d.sent + d.failed
  return (
    <section className="stack">
      <PageHeader
        back={`/events/${d.slug}/invitations`}
        backLabel={t('invitations.title')}
        trail={
          <>
            {' · '}
            <LocalizedTextView value={d.eventTitle} />
          </>
        }
        title={title}
        intro={t(`bulkSend.progress.intro.${d.batch.mode === 'remind' ? 'remind' : 'send'}`, {
          at: d.confirmedAt,
          filter: filterWords(d.batch.filter),
        })}
      />
      <section className="card stack" aria-labelledby="batch-progress" data-batch={d.batch.id}>
        <h2 id="batch-progress">{t('bulkSend.progress.heading', { done, total })}</h2>
        <progress max={Math.max(total, 1)} value={done} aria-labelledby="batch-progress" />
        <div role="status" aria-live="polite">
          <dl className="funnel">
            <div data-count="pending">
              <dt>{t('bulkSend.progress.pending')}</dt>
              <dd>{d.pending}</dd>
            </div>
            <div data-count="sent">
              <dt>{t('bulkSend.progress.sent')}</dt>
              <dd>{d.sent}</dd>
            </div>
            <div data-count="failed">
              <dt>{t('bulkSend.progress.failed')}</dt>
              <dd>{d.failed}</dd>
            </div>
          </dl>
        </div>
        <p className="muted">{d.pending > 0 ? t('bulkSend.progress.live') : t('bulkSend.progress.finished')}</p>
        {d.batch.no_email > 0 ? (
          <p className="warning">{t('bulkSend.who.noEmail', { count: d.batch.no_email })}</p>
        ) : null}
        <p>
          <Link to={`/outbox?event=${encodeURIComponent(d.slug)}`}>{t('bulkSend.progress.outbox')}</Link>
        </p>
      </section>
    </section>
  )
}
