/**
 * A note on the door's verdict in words (issue 16): the diet and the interpretation language by
 * name, in the reader's language and as the door reads them (never the registration form's
 * instructions or a stored code), free text as the delegate typed it.
 */
export function noteValue(note: { kind: string; value: string }, t: (key: string) => string): string {
  if (note.kind === 'diet') return t(`checkin.scanner.dietNames.${note.value}`)
  if (note.kind === 'interpretation') return t(`checkin.scanner.languageNames.${note.value}`)
  return note.value
}
