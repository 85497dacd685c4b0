/**
 * Timetable layout, pure: sessions grouped by local day, parallel sessions side by side, and
 * room clashes found (a warning, never a refusal).
 */
import { utcToZoned } from '../time/zoned'

export interface TimedSession {
  id: string
  startsAt: string
  endsAt: string
  room: { zh: string; en: string; ja: string }
}

const overlaps = (a: TimedSession, b: TimedSession) => a.startsAt < b.endsAt && b.startsAt < a.endsAt

/** Sessions by local calendar day, each day's in start order. */
export function groupByDay<S extends TimedSession>(
  sessions: readonly S[],
  timeZone: string,
): { date: string; sessions: S[] }[] {
  const days = new Map<string, S[]>()
  for (const s of [...sessions].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt),
  )) {
    const date = utcToZoned(s.startsAt, timeZone).date
    days.set(date, [...(days.get(date) ?? []), s])
  }
  return [...days].map(([date, list]) => ({ date, sessions: list }))
}

/**
 * Runs of sessions that overlap in time (directly or through each other): each run is shown as
 * one row with its sessions side by side; a run of one is a plain row.
 */
export function parallelRows<S extends TimedSession>(sessionsOfDay: readonly S[]): S[][] {
  // Same start: order side-by-side tracks by room, so the columns read the same every day.
  const sorted = [...sessionsOfDay].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || roomKey(a.room).localeCompare(roomKey(b.room)),
  )
  const rows: S[][] = []
  let rowEnd = ''
  for (const s of sorted) {
    const current = rows[rows.length - 1]
    if (current && s.startsAt < rowEnd) {
      current.push(s)
      if (s.endsAt > rowEnd) rowEnd = s.endsAt
    } else {
      rows.push([s])
      rowEnd = s.endsAt
    }
  }
  return rows
}

/** The room's identity: its first non-empty name, case- and space-insensitive. */
export function roomKey(room: TimedSession['room']): string {
  return (room.en || room.zh || room.ja).trim().toLowerCase().replace(/\s+/g, ' ')
}

/** Pairs of sessions in the same room at the same time. */
export function roomClashes<S extends TimedSession>(sessions: readonly S[]): [S, S][] {
  const clashes: [S, S][] = []
  for (let i = 0; i < sessions.length; i++) {
    for (let j = i + 1; j < sessions.length; j++) {
      const a = sessions[i]
      const b = sessions[j]
      if (!a || !b) continue
      const room = roomKey(a.room)
      if (room && room === roomKey(b.room) && overlaps(a, b)) clashes.push([a, b])
    }
  }
  return clashes
}

/** Sessions grouped by room (rooms in order of first use; sessions without a room last). */
export interface RoomGroup<S extends TimedSession> {
  room: TimedSession['room'] | null
  sessions: S[]
}

export function groupByRoom<S extends TimedSession>(sessions: readonly S[]): RoomGroup<S>[] {
  const groups = new Map<string, RoomGroup<S>>()
  for (const s of [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const key = roomKey(s.room)
    const group: RoomGroup<S> = groups.get(key) ?? { room: key ? s.room : null, sessions: [] }
    group.sessions.push(s)
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => (a.room === null ? 1 : b.room === null ? -1 : 0))
}
