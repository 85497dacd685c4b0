/**
 * The "sessions" column of a delegate import that also invites to an event: the sessions each
 * person is invited to, as a list separated by ; or 、 or , (full-width forms too), each named by
 * its title in any of the event's three languages or by its id. Titles are compared after NFKC,
 * case-folding and collapsing spaces, so "ＧＡＬＡ  Dinner" finds "Gala dinner". Pure.
 */

export interface NamedSession {
  id: string
  titles: readonly string[]
  /** 1: delegates register for it (it can be named in an invitation) */
  registrationRequired: number
  /** 1: only VIPs may be invited to it */
  vipOnly?: number
}

export interface SessionIndex {
  /** normalized title or id → the sessions it names */
  byKey: ReadonlyMap<string, readonly NamedSession[]>
}

/** How a session's title or id is compared: NFKC, lower case, single spaces, trimmed. */
export function sessionKey(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')
}

export function buildSessionIndex(sessions: readonly NamedSession[]): SessionIndex {
  const byKey = new Map<string, NamedSession[]>()
  const add = (key: string, session: NamedSession) => {
    if (!key) return
    const list = byKey.get(key) ?? []
    if (!list.includes(session)) list.push(session)
    byKey.set(key, list)
  }
  for (const session of sessions) {
    add(sessionKey(session.id), session)
    for (const title of session.titles) add(sessionKey(title), session)
  }
  return { byKey }
}

/** The names in a cell: split on ; 、 , (after NFKC, so ；and ，split too), trimmed, empties dropped. */
export function splitSessionList(cell: string): string[] {
  return cell
    .normalize('NFKC')
    .split(/[;,、]/)
    .map((name) => name.trim())
    .filter(Boolean)
}

export type SessionMatch =
  | {
      ok: true
      ids: string[]
      /** sessions named that are open to every attendee: nothing to invite to, so left out (as written) */
      openToAll: string[]
    }
  | { ok: false; reason: 'unknown' | 'ambiguous'; name: string }

/**
 * The session ids a cell names ([] for an empty cell: every session open to the person). A
 * cell that is one title as a whole is taken as that title, even when the title holds a comma.
 * A session open to every attendee needs no invitation: it is left out and said (`openToAll`).
 */
export function matchSessions(cell: string, index: SessionIndex): SessionMatch {
  if (cell.trim() === '') return { ok: true, ids: [], openToAll: [] }
  const whole = index.byKey.get(sessionKey(cell))
  const names = whole ? [cell.trim()] : splitSessionList(cell)
  const ids: string[] = []
  const openToAll: string[] = []
  for (const name of names) {
    const found = index.byKey.get(sessionKey(name)) ?? []
    const [session] = found
    if (!session) return { ok: false, reason: 'unknown', name }
    if (found.length > 1) return { ok: false, reason: 'ambiguous', name }
    if (session.registrationRequired !== 1) {
      if (!openToAll.includes(name)) openToAll.push(name)
      continue
    }
    if (!ids.includes(session.id)) ids.push(session.id)
  }
  return { ok: true, ids, openToAll }
}

/**
 * The first name in a cell (as written) that names a VIP-only session, or null: a row naming one
 * may invite only a VIP.
 */
export function vipOnlySessionNamed(cell: string, index: SessionIndex): string | null {
  if (cell.trim() === '') return null
  const whole = index.byKey.get(sessionKey(cell))
  const names = whole ? [cell.trim()] : splitSessionList(cell)
  for (const name of names) {
    const [session, ...others] = index.byKey.get(sessionKey(name)) ?? []
    if (session && others.length === 0 && session.vipOnly === 1) return name
  }
  return null
}
