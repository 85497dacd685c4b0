import i18next from 'i18next'
import type { Language } from '../../db/schema'
import { requireSessionAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { ensureMessages, type LanguagesHandle } from '../i18n/i18n'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { printPage } from '../run-of-show/print-page.server'
import stylesheet from '../styles/run-of-show-print.css?url'
import { PrintControls, RunOfShowDocument } from '../ui/run-of-show/print-document'
import type { Route } from './+types/run-of-show-print'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

// The run of show on A4, in Chinese and a second language (?second=ja|en), then a stage diagram
// of every signing table and a folded name card for every signatory.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, session } = await requireSessionAccess(request, context, params, 'event.view')
  const lng = getLanguage(context)
  return printPage(
    context.get(appContext).db,
    event,
    session,
    new URL(request.url).searchParams.get('second'),
    new Date(),
    lng,
    getI18n(context).getFixedT(lng),
  )
}

/** Printed in Chinese and a second language: the browser needs both languages' messages. */
export const handle: LanguagesHandle = {
  languages: (data) => ['zh', (data as { doc?: { second?: Language } } | undefined)?.doc?.second ?? 'en'],
}

// Reached by a link from the run of show: the two languages' messages before the page renders.
export async function clientLoader({ serverLoader }: Route.ClientLoaderArgs) {
  const data = await serverLoader()
  await ensureMessages(i18next, ['zh', data.doc.second])
  return data
}

export default function RunOfShowPrint({ loaderData: d }: Route.ComponentProps) {
  return (
    <section className="ros-print stack">
      <PrintControls d={d} />
      <RunOfShowDocument doc={d.doc} />
    </section>
  )
}
