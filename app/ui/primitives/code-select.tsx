import type { ComponentProps } from 'react'
import { SelectField } from './form-controls'

/** A choice of one of `codes` (kinds, statuses), each worded by `word` in the reader's language. */
export function CodeSelectField({
  codes,
  word,
  ...field
}: Omit<ComponentProps<typeof SelectField>, 'children'> & {
  codes: readonly string[]
  word: (code: string) => string
}) {
  return (
    <SelectField {...field}>
      {codes.map((code) => (
        <option key={code} value={code}>
          {word(code)}
        </option>
      ))}
    </SelectField>
  )
}
