/** A person's name as listed in the reader's language, with the other forms (kana, Latin) small under it. */
export function PersonNameCell({ name, secondary }: { name: string; secondary: string }) {
  return (
    <>
      <span className="person-name">{name}</span>
      {secondary ? <span className="person-name-secondary">{secondary}</span> : null}
    </>
  )
}
