import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import {
  AUDIT_FILTER_FIELDS,
  type AuditFilterField,
  actionArea,
  auditQueryString,
  parseAuditFilter,
} from '../audit/audit-filter'
import {
  AUDIT_EXPORT_LIMIT,
  AUDIT_PAGE_SIZE,
  auditFilterChoices,
  BUREAU_TIME_ZONE,
  listAudit,
} from '../audit/audit-log.server'
import { actionKey, areaKey, auditTime, detailSummary, entityKey } from '../audit/audit-view'
import { requireAdmin } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { Field } from '../ui/primitives/field'
import { FormErrorSummary, SelectField } from '../ui/primitives/form-controls'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/admin-audit'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

// The audit log for admins: GET filters, newest first, 100 a page with an "older" link by cursor.
// A filter that does not parse answers 400 with the page and the field at fault.
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin(request, context)
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const parsed = parseAuditFilter(new URL(request.url).searchParams)
  const [choices, list] = await Promise.all([
    auditFilterChoices(db),
    parsed.ok ? listAudit(db, parsed.filter, { limit: AUDIT_PAGE_SIZE, before: parsed.before }) : null,
  ])
  let errors: FieldErrors | null = parsed.ok ? null : parsed.errors
  if (list && !list.ok) errors = { event: { key: 'audit.errors.unknownEvent' } }
  const shown = list?.ok ? list : null
  const timeZone = shown?.timeZone ?? BUREAU_TIME_ZONE
  const filter = parsed.ok ? parsed.filter : null
  const areas = new Map<string, string[]>()
  for (const action of choices.actions)
    areas.set(actionArea(action), [...(areas.get(actionArea(action)) ?? []), action])
  const payload = {
    pageTitle: getI18n(context).t('audit.title'),
    values: parsed.ok
      ? { ...parsed.filter, from: parsed.filter.from ?? '', to: parsed.filter.to ?? '' }
      : parsed.values,
    errors,
    timeZone,
    areas: [...areas].map(([area, actions]) => ({ area, actions })),
    events: choices.events.map((e) => ({ slug: e.slug, title: pickLocalized(e.title, lng).text })),
    rows: (shown?.rows ?? []).map((r) => ({
      id: r.id,
      iso: r.createdAt,
      time: auditTime(r.createdAt, timeZone, lng),
      actor: r.actor,
      action: r.action,
      entityType: r.entityType,
      entity: r.entitySlug ?? r.entityId,
      detail: detailSummary(r.detail),
      ip: r.ip,
    })),
    olderQuery: filter && shown?.next ? auditQueryString(filter, shown.next) : null,
    newestQuery: filter && parsed.ok && parsed.before ? auditQueryString(filter) : null,
    exportQuery: filter && !errors ? auditQueryString(filter) : null,
    exportLimit: AUDIT_EXPORT_LIMIT,
  }
  return data(payload, { status: errors ? 400 : 200 })
}

const LABELS: Record<AuditFilterField, string> = {
  actor: 'audit.filter.actor',
  action: 'audit.filter.action',
  event: 'audit.filter.event',
  from: 'audit.filter.from',
  to: 'audit.filter.to',
}

export default function AdminAudit({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const errors = d.errors ?? undefined
  const label = (name: string) => {
    const field = AUDIT_FILTER_FIELDS.find((f) => f === name)
    return field ? t(LABELS[field]) : name
  }
  const zone = d.timeZone
  return (
    <section className="stack">
      <header>
        <h1>{t('audit.title')}</h1>
        <p className="muted">{t('audit.intro')}</p>
      </header>
      <FormErrorSummary errors={errors} label={label} order={AUDIT_FILTER_FIELDS} />
      <Form method="get" className="card outbox-filter" aria-label={t('audit.filter.legend')}>
        <Field
          name="actor"
          label={t('audit.filter.actor')}
          defaultValue={d.values.actor}
          error={errors?.actor}
          placeholder={t('audit.filter.actorHint')}
          maxLength={254}
        />
        <SelectField
          name="action"
          label={t('audit.filter.action')}
          defaultValue={d.values.action}
          error={errors?.action}
        >
          <option value="">{t('audit.filter.anyAction')}</option>
          {d.areas.map(({ area, actions }) => {
            const areaName = t(areaKey(area), { defaultValue: area })
            return (
              <optgroup key={area} label={areaName}>
                <option value={`${area}.`}>{t('audit.filter.allInArea', { area: areaName })}</option>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {t(actionKey(a), { defaultValue: a })}
                  </option>
                ))}
              </optgroup>
            )
          })}
        </SelectField>
        <SelectField name="event" label={t('audit.filter.event')} defaultValue={d.values.event} error={errors?.event}>
          <option value="">{t('audit.filter.anyEvent')}</option>
          {d.events.map((e) => (
            <option key={e.slug} value={e.slug}>
              {e.title}
            </option>
          ))}
        </SelectField>
        <Field
          name="from"
          type="date"
          label={t('audit.filter.from')}
          defaultValue={d.values.from}
          error={errors?.from}
        />
        <Field name="to" type="date" label={t('audit.filter.to')} defaultValue={d.values.to} error={errors?.to} />
        <p className="people-search-actions">
          <button type="submit" className="button">
            {t('audit.filter.submit')}
          </button>{' '}
          <Link to="/admin/audit">{t('audit.filter.clear')}</Link>
        </p>
      </Form>
      <p className="muted">{t('audit.timeZoneNote', { zone })}</p>
      {d.exportQuery !== null ? (
        <nav className="toolbar no-print" aria-label={t('audit.exportCsv')}>
          <a
            className="button button-secondary"
            href={`/admin/audit/export.csv${d.exportQuery ? `?${d.exportQuery}` : ''}`}
            download
          >
            {t('audit.exportCsv')}
          </a>{' '}
          <span className="muted">{t('audit.exportLimit', { limit: d.exportLimit })}</span>
        </nav>
      ) : null}
      {d.rows.length === 0 ? (
        <p className="card muted">{t('audit.empty')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('audit.shown', { count: d.rows.length })}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('audit.table.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.table.time', { zone })}</th>
                  <th scope="col">{t('audit.table.actor')}</th>
                  <th scope="col">{t('audit.table.action')}</th>
                  <th scope="col">{t('audit.table.entity')}</th>
                  <th scope="col">{t('audit.table.detail')}</th>
                  <th scope="col">{t('audit.table.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id} data-id={r.id} data-action={r.action}>
                    <td className="nowrap">
                      <time dateTime={r.iso} title={r.iso}>
                        {r.time}
                      </time>
                    </td>
                    <td>
                      {r.actor === null ? (
                        <span className="muted">{t('audit.system')}</span>
                      ) : r.actor.email === null ? (
                        t('audit.deletedUser', { id: r.actor.id })
                      ) : (
                        <>
                          {r.actor.name} <span className="muted">{r.actor.email}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {t(actionKey(r.action), { defaultValue: r.action })} <code className="muted">{r.action}</code>
                    </td>
                    <td>
                      {t(entityKey(r.entityType), { defaultValue: r.entityType })}
                      {r.entity ? (
                        <>
                          {' '}
                          <code className="muted" title={r.entity}>
                            {r.entity.length > 12 ? `${r.entity.slice(0, 8)}…` : r.entity}
                          </code>
                        </>
                      ) : null}
                    </td>
                    <td>{r.detail}</td>
                    <td className="nowrap">{r.ip}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {d.olderQuery || d.newestQuery ? (
        <nav className="toolbar" aria-label={t('audit.paging')}>
          {d.newestQuery !== null ? <Link to={`/admin/audit?${d.newestQuery}`}>{t('audit.newest')}</Link> : null}{' '}
          {d.olderQuery ? <Link to={`/admin/audit?${d.olderQuery}`}>{t('audit.older')}</Link> : null}
        </nav>
      ) : null}
    </section>
  )
}
