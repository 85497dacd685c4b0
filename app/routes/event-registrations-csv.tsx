import { data } from 'react-router'
import { exportTicketCodes } from '../checkin/badges.server'
import { csvTable, xlsxTable } from '../export/table'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { registrationsTable } from '../registration/registration-export'
import { readRegistrationQuery } from '../registration/registration-filter'
import { listRegistrations, registrationFilter, sessionTitles } from '../registration/registration-list.server'
import type { Route } from './+types/event-registrations-csv'

// The registrations the list shows (same filters, no limit) for Excel, as export.csv (UTF-8 with
// BOM, formulas neutralized) or export.xlsx; headers in the reader's language.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, user } = await requireEventAccess(request, context, params.slug, 'event.view')
  const { db, config, ip, now } = context.get(appContext)
  // With ?tickets=1, each ticket's code for a badge vendor: admins only, since a code is a ticket.
  const withTickets = new URL(request.url).searchParams.get('tickets') === '1'
  if (withTickets && !user.isAdmin) throw data({ code: 'forbidden' }, { status: 403 })
  const lng = getLanguage(context)
  const { t } = getI18n(context)
  const query = readRegistrationQuery(new URL(request.url).searchParams)
  const [list, titles] = await Promise.all([
    listRegistrations(db, event.id, registrationFilter(query), 'all'),
    sessionTitles(db, event.id),
  ])
  const format = new URL(request.url).pathname.endsWith('.xlsx') ? 'xlsx' : 'csv'
  const table = registrationsTable(
    list.items,
    {
      header: (column) => t(`invitations.registrations.export.${column}`),
      status: (status) => t(`invitations.registrations.statuses.${status}`),
      diet: (diet) => t(`invitations.diets.${diet}`),
      language: (language) => t(`languages.${language}`, { defaultValue: language }),
      yes: t('invitations.registrations.export.yes'),
      no: t('invitations.registrations.export.no'),
      sessionTitle: (id) => {
        const title = titles.get(id)
        return title ? pickLocalized(title, lng).text : id
      },
      separator: '; ',
    },
    lng,
    event.timezone,
    withTickets
      ? {
          header: t('invitations.registrations.export.ticket_code'),
          codes: await exportTicketCodes(db, config.sessionSecret, event.id, { userId: user.id, ip, format }, now()),
        }
      : undefined,
  )
  const day = new Date().toISOString().slice(0, 10)
  const file = `signet-${event.slug}-registrations${withTickets ? '-tickets' : ''}-${day}`
  if (format === 'xlsx') {
    return new Response(await xlsxTable('registrations', table.header, table.rows), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${file}.xlsx"`,
        'Cache-Control': 'no-store',
      },
    })
  }
  return new Response(csvTable(table.header, table.rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
