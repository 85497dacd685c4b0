import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldIssue } from '../../validation/field-errors'

/** What an action did, as message keys: one sentence each, shown together. */
export interface Notice {
  tone: 'ok' | 'error'
  messages: FieldIssue[]
}

/**
 * The answer to an action, announced (status or alert) and focused when it appears, so keyboard
 * and screen-reader users land on what happened. `version` changes with every answer, so the same
 * words twice are focused again.
 */
export function ActionNotice({ notice, version }: { notice: Notice | null | undefined; version?: unknown }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLParagraphElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again whenever a new answer arrives
  useEffect(() => {
    if (notice) ref.current?.focus()
  }, [notice, version])
  if (!notice || notice.messages.length === 0) return null
  return (
    <p
      ref={ref}
      tabIndex={-1}
      className={notice.tone === 'error' ? 'error-summary' : 'notice'}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      {notice.messages.map((m) => t(m.key, m.values ?? {})).join(' ')}
    </p>
  )
}

/** Focuses a confirmation's heading when it appears (it replaces no page, so focus would stay behind). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return ref
}
