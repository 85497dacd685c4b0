/**
 * The projects page's data: the signed projects across the events the user may see, as the
 * filters (GET) narrow them, their totals by chain, by event and overall, and the choices of each
 * filter.
 */
import type { Kysely } from 'kysely'
import type { Database, Language } from '../../db/schema'
import type { SessionUser } from '../auth/session.server'
import { pickLocalized } from '../i18n/localized'
import type { ProjectQuery } from './project-filter'
import { countryName, projectView, totalsView } from './project-view'
import { listProjects, projectFilterChoices } from './projects.server'

export type ProjectsPage = Awaited<ReturnType<typeof projectsPage>>

export async function projectsPage(db: Kysely<Database>, user: SessionUser, query: ProjectQuery, lng: Language) {
  const [list, choices] = await Promise.all([listProjects(db, user, query), projectFilterChoices(db, user)])
  return {
    query,
    projects: list.items.map((p) => projectView(p, lng)),
    totals: {
      byChain: totalsView(list.totals.byChain, (chain) => chain, lng),
      byEvent: totalsView(list.totals.byEvent, (event) => pickLocalized(event.title, lng), lng),
      overall: totalsView(list.totals.overall, () => null, lng),
    },
    choices: {
      chains: choices.chains,
      countries: choices.countries.map((code) => ({ code, name: countryName(code, lng) })),
      events: choices.events.map((e) => ({ slug: e.slug, title: pickLocalized(e.title, lng).text })),
    },
  }
}
