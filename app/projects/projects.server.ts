/**
 * Signed projects across events: the list a user may see with its filters and totals, one
 * project, and its pipeline (signed → construction started → investment in place).
 *
 * Who sees what: admins every project; anyone else the projects of the events on which their role
 * grants 'event.view' (organizers and viewers; door staff do not see investment figures). Every
 * query here is scoped by that rule, so a project of another event is never read. Changing the
 * pipeline needs 'event.edit' on the project's event, archived events included: the pipeline is
 * tracked for years after the ceremony.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, EventRole, Language, ProjectStatus } from '../../db/schema'
import { audit } from '../audit/audit.server'
import { can } from '../auth/permissions'
import type { SessionUser } from '../auth/session.server'
import { readTriple } from '../i18n/localized'
import type { PersonName } from '../people/names'
import type { PipelineInput } from './pipeline-form'
import type { ProjectQuery } from './project-filter'
import { type TotalsRow, totalsBy } from './totals'

type Db = Kysely<Database>
type Triple = Record<Language, string>

const EVENT_ROLES = ['organizer', 'viewer', 'checkin'] as const satisfies readonly EventRole[]
/** The roles that may see an event's projects, as app/auth/permissions.ts grants 'event.view'. */
const VIEW_ROLES = EVENT_ROLES.filter((role) => can({ isAdmin: false }, role, 'event.view'))

export interface ProjectParty {
  position: number
  organization: { id: string; name: Triple; country: string }
  /** who signs for the organization; null while unknown */
  signatory: PersonName | null
}

export interface ProjectItem {
  id: string
  name: Triple
  chain: string | null
  amount: string | null
  currency: string | null
  location: Triple
  description: Triple
  status: ProjectStatus
  signedOn: string | null
  startedOn: string | null
  investedOn: string | null
  investedAmount: string | null
  updatedAt: string
  event: { id: string; slug: string; title: Triple; timezone: string; startsOn: string }
  /** the signing on the run of show; null when the segment has been removed */
  signing: { id: string; title: Triple; sessionId: string; sessionTitle: Triple; startsAt: string } | null
  parties: ProjectParty[]
}

export interface ProjectTotals {
  byChain: TotalsRow<string | null>[]
  byEvent: TotalsRow<ProjectItem['event']>[]
  /** every listed project, per currency */
  overall: TotalsRow<null>[]
}

export interface ProjectList {
  items: ProjectItem[]
  totals: ProjectTotals
}

const triple = readTriple

/** Projects joined to their event and signing, limited to the events `user` may see. */
function visibleProjects(db: Db, user: SessionUser) {
  return db
    .selectFrom('projects as p')
    .innerJoin('events as e', 'e.id', 'p.event_id')
    .leftJoin('segments as s', 's.id', 'p.segment_id')
    .leftJoin('sessions as ss', 'ss.id', 's.session_id')
    .$if(!user.isAdmin, (qb) =>
      qb.where('p.event_id', 'in', (eb) =>
        eb
          .selectFrom('event_members as m')
          .select('m.event_id')
          .where('m.user_id', '=', user.id)
          .where('m.role', 'in', VIEW_ROLES),
      ),
    )
    .selectAll('p')
    .select([
      'e.slug as event_slug',
      'e.title_zh as event_title_zh',
      'e.title_en as event_title_en',
      'e.title_ja as event_title_ja',
      'e.timezone as event_timezone',
      'e.starts_on as event_starts_on',
      's.title_zh as segment_title_zh',
      's.title_en as segment_title_en',
      's.title_ja as segment_title_ja',
      's.position as segment_position',
      's.session_id as session_id',
      'ss.title_zh as session_title_zh',
      'ss.title_en as session_title_en',
      'ss.title_ja as session_title_ja',
      'ss.starts_at as session_starts_at',
    ])
}

type ProjectJoinRow = Awaited<ReturnType<ReturnType<typeof visibleProjects>['execute']>>[number]

async function partiesOf(db: Db, segmentIds: string[]): Promise<Map<string, ProjectParty[]>> {
  const bySegment = new Map<string, ProjectParty[]>()
  if (segmentIds.length === 0) return bySegment
  const rows = await db
    .selectFrom('segment_parties as sp')
    .innerJoin('organizations as o', 'o.id', 'sp.organization_id')
    .leftJoin('people as pe', 'pe.id', 'sp.person_id')
    .select([
      'sp.segment_id',
      'sp.position',
      'o.id as organization_id',
      'o.name_zh',
      'o.name_en',
      'o.name_ja',
      'o.country',
      'pe.id as person_id',
      'pe.family_name',
      'pe.given_name',
      'pe.latin_name',
      'pe.kana',
    ])
    .where('sp.segment_id', 'in', segmentIds)
    .orderBy('sp.segment_id')
    .orderBy('sp.position')
    .execute()
  for (const r of rows) {
    const party: ProjectParty = {
      position: Number(r.position),
      organization: { id: r.organization_id, name: triple(r, 'name'), country: r.country },
      signatory: r.person_id
        ? {
            familyName: r.family_name ?? '',
            givenName: r.given_name ?? '',
            latinName: r.latin_name ?? '',
            kana: r.kana,
          }
        : null,
    }
    bySegment.set(r.segment_id, [...(bySegment.get(r.segment_id) ?? []), party])
  }
  return bySegment
}

function toItem(row: ProjectJoinRow, parties: Map<string, ProjectParty[]>): ProjectItem {
  return {
    id: row.id,
    name: triple(row, 'name'),
    chain: row.chain,
    amount: row.amount,
    currency: row.currency,
    location: triple(row, 'location'),
    description: triple(row, 'description'),
    status: row.status,
    signedOn: row.signed_on,
    startedOn: row.started_on,
    investedOn: row.invested_on,
    investedAmount: row.invested_amount,
    updatedAt: row.updated_at,
    event: {
      id: row.event_id,
      slug: row.event_slug,
      title: triple(row, 'event_title'),
      timezone: row.event_timezone,
      startsOn: row.event_starts_on,
    },
    signing:
      row.segment_id && row.session_id && row.session_starts_at
        ? {
            id: row.segment_id,
            title: triple(row, 'segment_title'),
            sessionId: row.session_id,
            sessionTitle: triple(row, 'session_title'),
            startsAt: row.session_starts_at,
          }
        : null,
    parties: row.segment_id ? (parties.get(row.segment_id) ?? []) : [],
  }
}

/** Latest events first; within an event, in the order of the run of show. Sorted here so both dialects agree on nulls. */
function runOfShowOrder(a: ProjectJoinRow, b: ProjectJoinRow): number {
  const text = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1)
  return (
    text(b.event_starts_on, a.event_starts_on) ||
    text(a.event_slug, b.event_slug) ||
    text(a.session_starts_at, b.session_starts_at) ||
    (a.segment_position ?? Number.MAX_SAFE_INTEGER) - (b.segment_position ?? Number.MAX_SAFE_INTEGER) ||
    text(a.created_at, b.created_at) ||
    text(a.id, b.id)
  )
}

export function projectTotals(items: readonly ProjectItem[]): ProjectTotals {
  return {
    byChain: totalsBy(
      items,
      (p) => p.chain,
      (chain) => chain ?? '',
    ).sort((a, b) =>
      a.group === b.group ? 0 : a.group === null ? 1 : b.group === null ? -1 : a.group.localeCompare(b.group),
    ),
    byEvent: totalsBy(
      items,
      (p) => p.event,
      (event) => event.id,
    ),
    overall: totalsBy(items, () => null),
  }
}

/** The projects `user` may see that match `filters`, with their totals (of the listed projects). */
export async function listProjects(db: Db, user: SessionUser, filters: ProjectQuery): Promise<ProjectList> {
  const rows = await visibleProjects(db, user)
    .$if(filters.chain !== '', (qb) => qb.where('p.chain', '=', filters.chain))
    .$if(filters.status !== '', (qb) => qb.where('p.status', '=', filters.status as ProjectStatus))
    .$if(filters.event !== '', (qb) => qb.where('e.slug', '=', filters.event))
    .$if(filters.country !== '', (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('segment_parties as fp')
            .innerJoin('organizations as fo', 'fo.id', 'fp.organization_id')
            .select('fp.id')
            .whereRef('fp.segment_id', '=', 'p.segment_id')
            .where('fo.country', '=', filters.country),
        ),
      ),
    )
    .execute()
  rows.sort(runOfShowOrder)
  const parties = await partiesOf(
    db,
    rows.flatMap((r) => (r.segment_id ? [r.segment_id] : [])),
  )
  const items = rows.map((row) => toItem(row, parties))
  return { items, totals: projectTotals(items) }
}

export interface ProjectChoices {
  chains: string[]
  countries: string[]
  events: { slug: string; title: Triple }[]
}

/** What the filters offer: the chains, parties' countries and events of the projects `user` may see. */
export async function projectFilterChoices(db: Db, user: SessionUser): Promise<ProjectChoices> {
  const rows = await visibleProjects(db, user).execute()
  rows.sort(runOfShowOrder)
  const segmentIds = rows.flatMap((r) => (r.segment_id ? [r.segment_id] : []))
  const countries =
    segmentIds.length === 0
      ? []
      : await db
          .selectFrom('segment_parties as sp')
          .innerJoin('organizations as o', 'o.id', 'sp.organization_id')
          .select('o.country')
          .distinct()
          .where('sp.segment_id', 'in', segmentIds)
          .execute()
  const events = new Map<string, Triple>()
  for (const r of rows) if (!events.has(r.event_slug)) events.set(r.event_slug, triple(r, 'event_title'))
  return {
    chains: [...new Set(rows.flatMap((r) => (r.chain ? [r.chain] : [])))].sort(),
    countries: countries.map((c) => c.country).sort(),
    events: [...events].map(([slug, title]) => ({ slug, title })),
  }
}

export interface ProjectDetail {
  project: ProjectItem
  /** whether `user` may change its pipeline */
  canEdit: boolean
}

/** One project, if `user` may see it; null otherwise (unknown and not theirs look the same). */
export async function findProject(db: Db, user: SessionUser, projectId: string): Promise<ProjectDetail | null> {
  const row = await visibleProjects(db, user).where('p.id', '=', projectId).executeTakeFirst()
  if (!row) return null
  const parties = await partiesOf(db, row.segment_id ? [row.segment_id] : [])
  const membership = await db
    .selectFrom('event_members')
    .select('role')
    .where('event_id', '=', row.event_id)
    .where('user_id', '=', user.id)
    .executeTakeFirst()
  return { project: toItem(row, parties), canEdit: can(user, membership?.role ?? null, 'event.edit') }
}

export type UpdatePipelineResult = { ok: true } | { ok: false; reason: 'not_found' | 'forbidden' }

/**
 * Sets a project's status, the dates of its stages and the investment in place (as parsed by
 * parsePipelineForm, in the project's currency), with an audit row, in one transaction.
 */
export async function updatePipeline(
  db: Db,
  user: SessionUser,
  projectId: string,
  input: PipelineInput,
  meta: { ip?: string | null } = {},
  now = new Date(),
): Promise<UpdatePipelineResult> {
  return db.transaction().execute(async (trx) => {
    const project = await trx
      .selectFrom('projects')
      .select(['id', 'event_id', 'status', 'signed_on', 'started_on', 'invested_on', 'invested_amount', 'currency'])
      .where('id', '=', projectId)
      .executeTakeFirst()
    if (!project) return { ok: false, reason: 'not_found' }
    const membership = await trx
      .selectFrom('event_members')
      .select('role')
      .where('event_id', '=', project.event_id)
      .where('user_id', '=', user.id)
      .executeTakeFirst()
    const role = membership?.role ?? null
    if (!user.isAdmin && (role === null || !can(user, role, 'event.view'))) return { ok: false, reason: 'not_found' }
    if (!can(user, role, 'event.edit')) return { ok: false, reason: 'forbidden' }
    const after = {
      status: input.status,
      signed_on: input.signedOn,
      started_on: input.startedOn,
      invested_on: input.investedOn,
      invested_amount: input.investedAmount,
    }
    await trx
      .updateTable('projects')
      .set({ ...after, updated_at: nowIso(now) })
      .where('id', '=', project.id)
      .execute()
    const { id: _id, event_id: _event, currency, ...before } = project
    await audit(
      trx,
      {
        actorUserId: user.id,
        action: 'project.pipeline',
        entityType: 'project',
        entityId: project.id,
        detail: { currency, before, after },
        ip: meta.ip ?? null,
      },
      now,
    )
    return { ok: true }
  })
}
