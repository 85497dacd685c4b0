/**
 * The run-of-show page's sections (app/routes/run-of-show.tsx): the header, the scheduling
 * helper's proposal, the segments in order, and the forms to add a segment, set the table's seats
 * and rank the people on stage. Each form posts an `intent` to the page's action, and shows that
 * intent's errors and values when it comes back refused.
 */
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { type FormValues, stringValue } from '../../http/form'
import { SEGMENT_KINDS } from '../../run-of-show/rules'
import type { RunOfShowPage } from '../../run-of-show/run-of-show-page.server'
import type { FieldErrors } from '../../validation/field-errors'
import { CodeSelectField } from '../primitives/code-select'
import { Field } from '../primitives/field'
import { FormErrorSummary } from '../primitives/form-controls'
import { LocalizedTextView } from '../primitives/localized-text'
import { PageHeader } from '../primitives/page-header'
import { IssueList, MoveForms, StageLines } from './run-of-show'
import { TitleAndMinutesFields } from './segment-forms'

/** What the page shows: the run of show and what the reader may do with it. */
export type RunOfShowView = RunOfShowPage & { canEdit: boolean; saved: boolean }

/** A refused form's intent, values and errors, as the action answers them. */
export type RunOfShowActionData = { intent: string; values: FormValues; errors: FieldErrors } | undefined

interface SectionProps {
  d: RunOfShowView
  /** the run of show's address, where every form posts */
  page: string
  actionData: RunOfShowActionData
}

/** The errors of one intent when the action refused it, else none. */
function errorsOf(actionData: RunOfShowActionData, intent: string): FieldErrors {
  return actionData?.intent === intent ? actionData.errors : {}
}

/** The way back to the event and the session, the session's day, room and planned minutes. */
export function RunOfShowHeader({ d, session }: { d: RunOfShowView; session: string }) {
  const { t } = useTranslation()
  return (
    <PageHeader
      back={`/events/${d.slug}`}
      backLabel={<LocalizedTextView value={d.eventTitle} />}
      trail={
        <>
          {' › '}
          <Link to={session}>
            <LocalizedTextView value={d.sessionTitle} />
          </Link>
        </>
      }
      title={
        <>
          {t('runOfShow.title')} · <LocalizedTextView value={d.sessionTitle} />
        </>
      }
    >
      <p className="meta-row">
        <span>
          {d.day} {`${d.start}–${d.end}`}
        </span>
        {d.room.text ? (
          <span>
            <LocalizedTextView value={d.room} />
          </span>
        ) : null}
        <span className="muted">{t('runOfShow.page.total', { minutes: d.planned, available: d.available })}</span>
      </p>
      <p className="muted">{t('runOfShow.page.intro')}</p>
    </PageHeader>
  )
}

/** Proposing an order, printing, readiness and the projects. */
export function RunOfShowToolbar({ d, session, page }: { d: RunOfShowView; session: string; page: string }) {
  const { t } = useTranslation()
  return (
    <nav className="toolbar no-print" aria-label={t('runOfShow.page.actions')}>
      {d.canEdit && d.segments.length > 1 ? (
        <Link className="button button-secondary" to={`${page}?propose=1#proposal`}>
          {t('runOfShow.page.propose')}
        </Link>
      ) : null}
      <Link className="button button-secondary" to={`${page}/print`} reloadDocument>
        {t('runOfShow.page.print')}
      </Link>
      <Link className="button button-secondary" to={`${session}/readiness`}>
        {t('runOfShow.page.readiness')}
      </Link>
      <Link className="button button-secondary" to="/projects">
        {t('runOfShow.segment.projectsLink')}
      </Link>
    </nav>
  )
}

/** The scheduling helper's order, to apply or discard, or why there is none. */
export function ProposalSection({
  proposal,
  page,
}: {
  proposal: NonNullable<RunOfShowView['proposal']>
  page: string
}) {
  const { t } = useTranslation()
  return (
    <section className="card" id="proposal" aria-labelledby="proposal-title">
      <h2 id="proposal-title">{t('runOfShow.page.proposalTitle')}</h2>
      {proposal.ok ? (
        <>
          <p className="muted">{t('runOfShow.page.proposalIntro')}</p>
          <ol className="plan-proposal">
            {proposal.order.map((slot) => (
              <li key={slot.id}>
                <span className="plan-time">{`${slot.start}–${slot.end}`}</span>{' '}
                <LocalizedTextView value={slot.title} />
              </li>
            ))}
          </ol>
          <Form method="post" action={page} className="toolbar">
            <input type="hidden" name="intent" value="apply" />
            {proposal.order.map((slot) => (
              <input key={slot.id} type="hidden" name="order" value={slot.id} />
            ))}
            <button type="submit" className="button">
              {t('runOfShow.page.apply')}
            </button>
            <Link to={page}>{t('runOfShow.page.discard')}</Link>
          </Form>
        </>
      ) : (
        <p className="plan-issue plan-issue-error" role="alert">
          {proposal.message}
        </p>
      )}
    </section>
  )
}

/** The segments in order with their times, people on stage and checks; editors move them. */
export function SegmentList({ d, session, page }: { d: RunOfShowView; session: string; page: string }) {
  const { t } = useTranslation()
  if (d.segments.length === 0) return <p className="card muted">{t('runOfShow.page.empty')}</p>
  return (
    <ol className="plan-list" aria-label={t('runOfShow.title')}>
      {d.segments.map((s, index) => (
        <li
          key={s.id}
          id={`segment-${s.id}`}
          className={`plan-segment kind-${s.kind}${s.issues.some((i) => i.level === 'error') ? ' has-error' : ''}`}
          data-segment={s.id}
        >
          <p className="plan-time">
            {`${s.start}–${s.end}`}
            <span className="muted"> · {t('runOfShow.page.minutesShort', { count: s.minutes })}</span>
          </p>
          <div className="plan-body">
            <h2 className="plan-title">
              <span className={`badge plan-kind plan-kind-${s.kind}`}>{t(`runOfShow.kinds.${s.kind}`)}</span>{' '}
              <Link to={`${session}/segments/${s.id}`}>
                <LocalizedTextView value={s.title} />
              </Link>
            </h2>
            <StageLines lines={s.lines} />
            <IssueList issues={s.issues} />
          </div>
          {d.canEdit ? (
            <div className="plan-actions no-print">
              <MoveForms
                action={page}
                hidden={{ intent: 'move', segment: s.id }}
                disabled={{ up: index === 0, down: index === d.segments.length - 1 }}
                labels={{ up: `↑ ${t('runOfShow.page.up')}`, down: `↓ ${t('runOfShow.page.down')}` }}
                ariaLabels={{
                  up: t('runOfShow.page.moveUp', { title: s.title.text }),
                  down: t('runOfShow.page.moveDown', { title: s.title.text }),
                }}
              />
              <Link className="button button-small" to={`${session}/segments/${s.id}`}>
                {t('runOfShow.page.edit')}
              </Link>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  )
}

/** A new segment: its kind, title and minutes. */
export function AddSegmentSection({ page, actionData }: Omit<SectionProps, 'd'>) {
  const { t } = useTranslation()
  const errors = errorsOf(actionData, 'create')
  const values = actionData?.intent === 'create' ? actionData.values : {}
  return (
    <section className="card no-print" aria-labelledby="add-title">
      <h2 id="add-title">{t('runOfShow.page.add')}</h2>
      <Form method="post" action={page} className="stack" noValidate>
        <input type="hidden" name="intent" value="create" />
        <FormErrorSummary
          errors={errors}
          label={(name) =>
            name === 'minutes'
              ? t('runOfShow.page.minutes')
              : name === 'kind'
                ? t('runOfShow.page.kind')
                : t('runOfShow.page.titleField')
          }
          order={['kind', 'title_zh', 'title_en', 'title_ja', 'minutes']}
        />
        <CodeSelectField
          name="kind"
          label={t('runOfShow.page.kind')}
          defaultValue={stringValue(values, 'kind') || 'signing'}
          error={errors.kind}
          codes={SEGMENT_KINDS}
          word={(kind) => t(`runOfShow.kinds.${kind}`)}
        />
        <TitleAndMinutesFields values={values} errors={errors} minutes={stringValue(values, 'minutes') || '10'} />
        <p>
          <button type="submit" className="button">
            {t('runOfShow.page.create')}
          </button>
        </p>
      </Form>
    </section>
  )
}

/** How many seats the signing table in the session's room has. */
export function TableSeatsSection({ d, page, actionData }: SectionProps) {
  const { t } = useTranslation()
  return (
    <section className="card no-print" aria-labelledby="seats-title">
      <h2 id="seats-title">
        {d.room.text ? t('runOfShow.page.tableSeats', { room: d.room.text }) : t('runOfShow.page.tableSeatsNoRoom')}
      </h2>
      <Form method="post" action={page} className="toolbar" noValidate>
        <input type="hidden" name="intent" value="seats" />
        <Field
          name="table_seats"
          label={t('runOfShow.page.seats')}
          inputMode="numeric"
          defaultValue={
            actionData?.intent === 'seats'
              ? stringValue(actionData.values, 'table_seats')
              : (d.tableSeats?.toString() ?? '')
          }
          error={errorsOf(actionData, 'seats').table_seats}
        />
        <button type="submit" className="button button-secondary">
          {t('runOfShow.page.saveSeats')}
        </button>
      </Form>
    </section>
  )
}

/** The rank of each person on stage, which orders who stands where. */
export function RanksSection({ d, page, actionData }: SectionProps) {
  const { t } = useTranslation()
  if (d.ranked.length === 0) return null
  return (
    <section className="card no-print" aria-labelledby="ranks-title">
      <h2 id="ranks-title">{t('runOfShow.page.ranks')}</h2>
      <p className="muted">{t('runOfShow.page.ranksIntro')}</p>
      <Form method="post" action={page} className="plan-ranks" noValidate>
        <input type="hidden" name="intent" value="ranks" />
        {d.ranked.map((p) => (
          <Field
            key={p.id}
            name={`rank_${p.id}`}
            label={t('runOfShow.page.rank', { name: p.name })}
            inputMode="numeric"
            defaultValue={
              actionData?.intent === 'ranks'
                ? stringValue(actionData.values, `rank_${p.id}`)
                : (p.rank?.toString() ?? '')
            }
            error={errorsOf(actionData, 'ranks')[`rank_${p.id}`]}
          />
        ))}
        <p>
          <button type="submit" className="button button-secondary">
            {t('runOfShow.page.saveRanks')}
          </button>
        </p>
      </Form>
    </section>
  )
}
