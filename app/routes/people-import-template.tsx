import { requireOrganizer } from '../http/access.server'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { TEMPLATE_HEADERS } from '../people/columns'
import { importTemplate } from '../people/people-export'
import type { Route } from './+types/people-import-template'

// The import template as an Excel workbook, headers in the organizer's language, an example row
// on a sheet of its own, and choice lists for the language and VIP columns (issue 19).
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireOrganizer(request, context)
  const lng = getLanguage(context)
  const { t } = getI18n(context)
  const xlsx = await importTemplate(TEMPLATE_HEADERS[lng], {
    listSheet: t('people.template.listSheet'),
    exampleSheet: t('people.template.exampleSheet'),
    languageHint: t('people.template.languageHint'),
    vipHint: t('people.template.vipHint'),
    example: {
      organization: t('people.template.example.organization'),
      country: t('people.template.example.country'),
      family_name: '佐藤',
      given_name: '健一',
      latin_name: 'SATO Kenichi',
      kana: 'さとう けんいち',
      title: t('people.template.example.title'),
      email: 'sato.kenichi@example.jp',
      phone: '+81 3-1234-5678',
      preferred_language: 'ja',
      vip: 'no',
    },
  })
  return new Response(xlsx, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="signet-import-template-${lng}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}
