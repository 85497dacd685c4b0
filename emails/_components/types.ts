// The plain, already-loaded props every mail template takes. render.server.ts builds them from the
// database; each template's PreviewProps are a hand-written example for `npm run email:dev`.
import type { Language } from '../../app/i18n/i18n'

export interface MailEvent {
  title: string
  /** formatted in the reader's language, e.g. '22–24 December 2026' */
  dates: string
  venue: string
  address: string
  /** who to contact about the event ('' for what it does not give); absent in account mails */
  contact?: MailContact
}

export interface MailContact {
  name: string
  phone: string
  email: string
  wechat: string
}

export interface MailRecipient {
  /** as greeted in the reader's language (app/people/names.ts displayName) */
  name: string
  /** shown above the name in Japanese, as business letters do ('' to leave out) */
  organization: string
}

export interface ItinerarySession {
  id: string
  /** '09:00–10:30' in the event's time zone */
  time: string
  title: string
  /** room (and venue), '' when none */
  place: string
  /** 'Meeting point: Hotel lobby, 08:15', '' when none */
  meeting: string
  waitlisted: boolean
}

export interface ItineraryDay {
  /** 'Tuesday 22 December 2026' */
  label: string
  sessions: ItinerarySession[]
}

export interface Itinerary {
  days: ItineraryDay[]
  /** 'China Standard Time (GMT+8)' */
  timeZone: string
}

export interface Ticket {
  /** the ticket code grouped for reading aloud: 'ABCD EFGH …' */
  code: string
  /** 'cid:ticket@signet' in a sent mail; a data: URL in previews */
  qrSrc: string
}

export interface MailBaseProps {
  lng: Language
  recipient: MailRecipient
  event: MailEvent
}
