/**
 * The printed run of show (app/routes/run-of-show-print.tsx), in Chinese and a second language: the
 * header and the segments shaped for paper, then a stage diagram of every signing table and a
 * folded name card for every signatory.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import {
  type NameCard,
  type PrintParty,
  type PrintSegment,
  SECOND_LANGUAGES,
  type StageDiagram,
  type Triple,
} from '../../run-of-show/print'
import type { PrintPage } from '../../run-of-show/print-page.server'
import { Flag } from '../primitives/flag'
import { LocalizedTextView } from '../primitives/localized-text'
import { PageHeader } from '../primitives/page-header'
import { PrintButton } from '../primitives/print-button'
import { type Bilingual, Both, type DocKey, Label, Person, Texts } from './print-parts'

function partiesLabel(kind: PrintSegment['kind']): DocKey {
  if (kind === 'signing') return 'parties'
  if (kind === 'award') return 'recipients'
  return 'bodies'
}

function personLabel(kind: PrintSegment['kind']): DocKey {
  if (kind === 'signing') return 'signatory'
  if (kind === 'award') return 'receivedBy'
  return 'representative'
}

function Parties({ b, segment }: { b: Bilingual; segment: PrintSegment }) {
  const assistants = segment.parties.some((p) => p.assistant)
  return (
    <div className="ros-block">
      <h4>
        <Label b={b} k={partiesLabel(segment.kind)} />
      </h4>
      <table className="ros-parties">
        <thead>
          <tr>
            <th scope="col" className="ros-seat-col">
              <Label b={b} k={segment.kind === 'signing' ? 'seat' : 'order'} />
            </th>
            <th scope="col">
              <Label b={b} k="organization" />
            </th>
            <th scope="col">
              <Label b={b} k={personLabel(segment.kind)} />
            </th>
            {assistants ? (
              <th scope="col">
                <Label b={b} k="assistant" />
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {segment.parties.map((p) => (
            <tr key={p.seat} data-party={p.seat}>
              <td className="ros-seat-col">{p.seat}</td>
              <td>
                <Texts b={b} value={p.organization.name} as="span" />
              </td>
              <td>
                <Person b={b} person={p.person} />
              </td>
              {assistants ? <td>{p.assistant ? <Person b={b} person={p.assistant} /> : '—'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** One fact of a segment: its label, then its text, each in both languages. */
function Fact({ b, k, value }: { b: Bilingual; k: DocKey; value: Triple }) {
  return (
    <div>
      <dt>
        <Label b={b} k={k} />
      </dt>
      <dd>
        <Texts b={b} value={value} />
      </dd>
    </div>
  )
}

function Segment({ b, segment: s }: { b: Bilingual; segment: PrintSegment }) {
  const project = s.project
  return (
    <li className="ros-segment" data-segment={s.id} data-kind={s.kind}>
      <div className="ros-when">
        <p className="ros-time">
          {s.start}–{s.end}
        </p>
        <p className="ros-minutes">
          <Label b={b} k="minutes" values={{ count: s.minutes }} />
        </p>
      </div>
      <div className="ros-body">
        <p className="ros-kind">
          {s.number}. <Both b={b} k={`runOfShow.kinds.${s.kind}`} />
        </p>
        <h3 className="ros-segment-title">
          <Texts b={b} value={s.title} as="span" />
        </h3>
        {s.stage.length > 0 ? (
          <div className="ros-block">
            <h4>
              <Label b={b} k="onStage" />
            </h4>
            <dl className="ros-stage-list">
              {s.stage.map((group) => (
                <div key={group.role} data-role={group.role}>
                  <dt>
                    <Both b={b} k={`runOfShow.roles.${group.role}`} />
                  </dt>
                  {group.people.map((person) => (
                    <dd key={person.id}>
                      <Person b={b} person={person} />
                    </dd>
                  ))}
                </div>
              ))}
            </dl>
          </div>
        ) : null}
        {s.parties.length > 0 ? <Parties b={b} segment={s} /> : null}
        {s.award || s.citation ? (
          <dl className="ros-facts">
            {s.award ? <Fact b={b} k="award" value={s.award} /> : null}
            {s.citation ? <Fact b={b} k="citation" value={s.citation} /> : null}
          </dl>
        ) : null}
        {project ? (
          <dl className="ros-facts">
            <Fact b={b} k="project" value={project.name} />
            {project.amount.zh ? <Fact b={b} k="amount" value={project.amount} /> : null}
            {project.location.zh || project.location.en || project.location.ja ? (
              <Fact b={b} k="location" value={project.location} />
            ) : null}
          </dl>
        ) : null}
        {s.props.length > 0 ? (
          <div className="ros-block">
            <h4>
              <Label b={b} k="props" />
            </h4>
            <ul className="ros-props">
              {s.props.map((prop) => (
                <li key={prop.code} data-prop={prop.code}>
                  <Both
                    b={b}
                    k={`runOfShowPrint.props.${prop.code}`}
                    values={
                      prop.code === 'flags'
                        ? { countries: prop.countries.join(' ') }
                        : { count: prop.count, copies: prop.code === 'folders' ? prop.copies : '' }
                    }
                  />
                  {prop.code === 'flags'
                    ? prop.countries.map((c) => <Flag key={c} country={c} className="ros-flag-inline" />)
                    : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="ros-script">
          <h4>
            <Label b={b} k="script" />
          </h4>
          {s.script.zh || s.script.en || s.script.ja ? (
            <Texts b={b} value={s.script} />
          ) : (
            <p className="ros-line">
              <Label b={b} k="noScript" />
            </p>
          )}
        </div>
      </div>
    </li>
  )
}

function Seat({ b, party }: { b: Bilingual; party: PrintParty }) {
  return (
    <li className="ros-seat" data-seat={party.seat}>
      <span className="ros-seat-no">{party.seat}</span>
      <span className="ros-seat-org">
        <Texts b={b} value={party.organization.name} as="span" />
      </span>
      <span className="ros-seat-person">
        <Person b={b} person={party.person} />
      </span>
      {party.assistant ? (
        <span className="ros-seat-assistant">
          <Label b={b} k="assistant" />
          {': '}
          <Person b={b} person={party.assistant} />
        </span>
      ) : null}
    </li>
  )
}

function Diagram({ b, diagram: d }: { b: Bilingual; diagram: StageDiagram }) {
  const columns = { gridTemplateColumns: `repeat(${d.seats.length}, minmax(0, 1fr))` }
  return (
    <article className="ros-diagram" data-diagram={d.segmentId}>
      <header>
        <p className="ros-kind">
          <Label b={b} k="diagram" /> · {d.number}. {d.start}–{d.end}
        </p>
        <h3 className="ros-segment-title">
          <Texts b={b} value={d.title} as="span" />
        </h3>
        <p className="ros-note">
          <Label b={b} k="seenFromAudience" />
        </p>
      </header>
      <div className="ros-stage">
        <p className="ros-backdrop">
          <Label b={b} k="backdrop" />
        </p>
        {d.witnesses.length > 0 ? (
          <div className="ros-witnesses">
            <p className="ros-note">
              <Both b={b} k="runOfShow.roles.witness" /> · <Label b={b} k="standingBehind" />
            </p>
            <ul>
              {d.witnesses.map((w) => (
                <li key={w.id} className="ros-witness" data-witness={w.id}>
                  <svg className="ros-figure" viewBox="0 0 20 28" aria-hidden="true">
                    <circle cx="10" cy="6" r="5" />
                    <path d="M2 28 v-10 a8 8 0 0 1 16 0 v10 z" />
                  </svg>
                  <Person b={b} person={w} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <ol className="ros-seats" style={columns}>
          {d.seats.map((party) => (
            <Seat key={party.seat} b={b} party={party} />
          ))}
        </ol>
        <div className="ros-table" style={columns}>
          {d.seats.map((party) => (
            <div key={party.seat} className="ros-table-place">
              <Flag country={party.organization.country} className="ros-flag" />
              <span className="ros-table-card" lang={party.person?.lang}>
                {party.person ? party.person.native || party.person.latin : '—'}
              </span>
            </div>
          ))}
          <p className="ros-table-label">
            <Label b={b} k="table" />
          </p>
        </div>
        <p className="ros-audience">
          <Label b={b} k="audience" />
        </p>
      </div>
    </article>
  )
}

function Card({ b, card: c }: { b: Bilingual; card: NameCard }) {
  return (
    <article className="name-card" data-card={c.key}>
      {(['back', 'front'] as const).map((side) => (
        <div key={side} className={`name-card-half name-card-${side}`} aria-hidden={side === 'back'}>
          <p className="name-card-name" lang={c.person.lang}>
            {c.person.native || c.person.latin}
          </p>
          {c.person.native && c.person.latin ? <p className="name-card-latin">{c.person.latin}</p> : null}
          <div className="name-card-line">
            <Texts b={b} value={c.organization.name} />
          </div>
        </div>
      ))}
    </article>
  )
}

/** The document, its stage diagrams and its name cards, with Chinese and the second language's messages. */
export function RunOfShowDocument({ doc }: { doc: PrintPage['doc'] }) {
  const { t, i18n } = useTranslation()
  const b: Bilingual = { second: doc.second, zh: i18n.getFixedT('zh'), other: i18n.getFixedT(doc.second) }
  const facts: [DocKey, ReactNode][] = [
    ['date', <Texts key="date" b={b} value={doc.date} as="span" />],
    ['room', <Texts key="room" b={b} value={doc.room} as="span" />],
    ['timeZone', doc.timeZone],
    ['printedAt', <Texts key="printed" b={b} value={doc.printedAt} as="span" />],
  ]
  return (
    <>
      <article className="ros-doc" lang="zh">
        <header className="ros-head">
          <p className="ros-kind">
            <Label b={b} k="heading" />
          </p>
          <h2 className="ros-event-title">
            <Texts b={b} value={doc.eventTitle} as="span" />
          </h2>
          <p className="ros-session-title">
            <Texts b={b} value={doc.sessionTitle} as="span" />
          </p>
          <dl className="ros-head-facts">
            {facts.map(([key, value]) => (
              <div key={key}>
                <dt>
                  <Label b={b} k={key} />
                </dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </header>
        {doc.segments.length === 0 ? (
          <p className="ros-empty">{t('runOfShowPrint.empty')}</p>
        ) : (
          <ol className="ros-segments">
            {doc.segments.map((s) => (
              <Segment key={s.id} b={b} segment={s} />
            ))}
          </ol>
        )}
      </article>

      {doc.diagrams.length > 0 ? (
        <section className="ros-diagrams" lang="zh" aria-label={t('runOfShowPrint.doc.diagrams')}>
          {doc.diagrams.map((diagram) => (
            <Diagram key={diagram.segmentId} b={b} diagram={diagram} />
          ))}
        </section>
      ) : null}

      {doc.nameCards.length > 0 ? (
        <section className="ros-name-cards" lang="zh" aria-label={t('runOfShowPrint.doc.nameCards')}>
          <p className="no-print muted">{t('runOfShowPrint.doc.nameCardsIntro')}</p>
          {doc.nameCards.map((card) => (
            <Card key={card.key} b={b} card={card} />
          ))}
        </section>
      ) : null}
    </>
  )
}

/** On screen only: the way back to the session, the second language to print in, and printing. */
export function PrintControls({ d }: { d: PrintPage }) {
  const { t } = useTranslation()
  return (
    <div className="no-print stack">
      <PageHeader
        back={`/events/${d.slug}/sessions/${d.sessionId}`}
        backLabel={<LocalizedTextView value={d.sessionTitle} />}
        title={t('runOfShowPrint.title')}
        intro={t('runOfShowPrint.intro')}
      />
      <div className="toolbar">
        <Form method="get" className="toolbar">
          <label htmlFor="second">{t('runOfShowPrint.secondLanguage')}</label>
          <select id="second" name="second" defaultValue={d.doc.second}>
            {SECOND_LANGUAGES.map((lng) => (
              <option key={lng} value={lng}>
                {t(`languages.${lng}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-secondary">
            {t('runOfShowPrint.show')}
          </button>
        </Form>
        <PrintButton label={t('runOfShowPrint.print')} />
      </div>
    </div>
  )
}
