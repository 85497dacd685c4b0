/**
 * Pure rules of registration's mail: when the day-before reminder is due, and how a ticket code
 * is written in a mail.
 */
import { addDays } from '../i18n/format'
import { utcToZoned } from '../time/zoned'

/** The local hour, in the event's time zone, from which the day-before reminder goes out. */
export const EVENT_REMINDER_HOUR = 9

/**
 * Whether the day-before reminder of an event is due at `now`: on the day before its first day,
 * from EVENT_REMINDER_HOUR to midnight, on the wall clocks of the event's time zone. Before that
 * it is early; from the first day on, "tomorrow" would be wrong, so it is never sent late.
 */
export function isEventReminderDue(event: { startsOn: string; timezone: string }, now: Date): boolean {
  const local = utcToZoned(now.toISOString(), event.timezone)
  const hour = Number(local.time.slice(0, 2))
  return local.date === addDays(event.startsOn, -1) && hour >= EVENT_REMINDER_HOUR
}

/** A ticket code in groups of four, easier to read out and type: 'K7QM 3XPA … SG'. */
export function groupTicketCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join(' ')
}
