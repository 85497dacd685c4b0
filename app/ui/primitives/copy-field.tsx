import { useEffect, useId, useState } from 'react'

/**
 * A read-only text field holding something to copy (a personal link), selected on focus, with a
 * Copy button once scripts run (the clipboard needs them). The field alone works without them.
 */
export function CopyField({
  value,
  label,
  copyLabel,
  copyFor,
  copiedLabel,
}: {
  value: string
  /** the field's label (visually hidden) */
  label: string
  /** the button's visible text, and its full name (which starts with or holds the visible text) */
  copyLabel: string
  copyFor: string
  copiedLabel: string
}) {
  const id = useId()
  const [ready, setReady] = useState(false)
  const [copied, setCopied] = useState(false)
  useEffect(() => setReady(true), [])
  return (
    <span className="copy-field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        className="copy-field-input"
        type="text"
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        spellCheck={false}
      />
      {ready ? (
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={copied ? copiedLabel : copyFor}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value)
              setCopied(true)
              setTimeout(() => setCopied(false), 2000)
            } catch {
              setCopied(false)
            }
          }}
        >
          {copied ? copiedLabel : copyLabel}
        </button>
      ) : null}
      <span className="visually-hidden" role="status">
        {copied ? copiedLabel : ''}
      </span>
    </span>
  )
}
