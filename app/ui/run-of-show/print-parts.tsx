/**
 * The printed run of show's bilingual pieces: a fixed label, a zh/en/ja text and a person, each in
 * Chinese and then in the second language, each line tagged with its language.
 */
import type { TFunction } from 'i18next'
import type { Language } from '../../../db/schema'
import type en from '../../i18n/locales/en.print'
import { pickLocalized } from '../../i18n/localized'
import type { PrintPerson, SecondLanguage, Triple } from '../../run-of-show/print'

export type DocKey = keyof typeof en.doc

/** Chinese and the second language, each with its lookup: the document's fixed labels print in both. */
export interface Bilingual {
  second: SecondLanguage
  zh: TFunction
  other: TFunction
}

/** A message in Chinese, then in the second language. */
export function Both({ b, k, values }: { b: Bilingual; k: string; values?: Record<string, string | number> }) {
  const zh = b.zh(k, values ?? {})
  const other = b.other(k, values ?? {})
  return (
    <span className="ros-both">
      <span lang="zh">{zh}</span>
      {other !== zh ? (
        <>
          <span className="ros-sep"> / </span>
          <span lang={b.second}>{other}</span>
        </>
      ) : null}
    </span>
  )
}

export function Label({ b, k, values }: { b: Bilingual; k: DocKey; values?: Record<string, string | number> }) {
  return <Both b={b} k={`runOfShowPrint.doc.${k}`} values={values} />
}

/** A zh/en/ja text printed in Chinese and the second language, each line tagged with its language. */
export function Texts({ b, value, as = 'p' }: { b: Bilingual; value: Triple; as?: 'p' | 'span' }) {
  const shown: { text: string; lang: Language }[] = []
  for (const lng of ['zh', b.second] as const) {
    const picked = pickLocalized(value, lng)
    if (picked.text && !shown.some((s) => s.text === picked.text)) shown.push({ text: picked.text, lang: picked.lang })
  }
  const Tag = as
  return (
    <>
      {shown.map((s) => (
        <Tag key={s.lang} lang={s.lang} className="ros-line">
          {s.text}
        </Tag>
      ))}
    </>
  )
}

export function Person({ b, person }: { b: Bilingual; person: PrintPerson | null }) {
  if (!person) {
    return (
      <span className="ros-tbc">
        <Label b={b} k="toBeConfirmed" />
      </span>
    )
  }
  const hasTitle = person.title.zh || person.title.en || person.title.ja
  return (
    <span className="ros-person">
      <span className="ros-name" lang={person.lang}>
        {person.native || person.latin}
      </span>
      {person.native && person.latin ? <span className="ros-latin">{person.latin}</span> : null}
      {hasTitle ? (
        <span className="ros-title">
          <Texts b={b} value={person.title} as="span" />
        </span>
      ) : null}
    </span>
  )
}
