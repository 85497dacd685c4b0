/**
 * What a page shows of an event, in the reader's language: shared by the organizer overview and
 * the delegates' page. Pure.
 */
import type { EventRow, HostRole } from '../../db/schema'
import { formatDateRange } from '../i18n/format'
import { isLanguage, type Language } from '../i18n/i18n'
import { type LocalizedText, localizedField, pickLocalized } from '../i18n/localized'
import type { EventHost } from './events.server'

export function eventView(event: EventRow, lng: Language) {
  return {
    slug: event.slug,
    title: localizedField(event, 'title', lng),
    description: localizedField(event, 'description', lng),
    venue: localizedField(event, 'venue', lng),
    address: localizedField(event, 'address', lng),
    dates: formatDateRange(event.starts_on, event.ends_on, lng),
    timezone: event.timezone,
    status: event.status,
    registrationMode: event.registration_mode,
    languages: event.languages.split(',').filter(isLanguage),
    contact: eventContact(event),
  }
}

export interface EventContactView {
  name: string
  phone: string
  email: string
  wechat: string
}

/** Who delegates contact about the event, or null when it gives nobody (issue 19). */
export function eventContact(
  event: Pick<EventRow, 'contact_name' | 'contact_phone' | 'contact_email' | 'contact_wechat'>,
): EventContactView | null {
  const contact = {
    name: event.contact_name,
    phone: event.contact_phone,
    email: event.contact_email,
    wechat: event.contact_wechat,
  }
  return Object.values(contact).some(Boolean) ? contact : null
}

export interface HostGroup {
  role: HostRole
  names: { id: string; name: LocalizedText }[]
}

const HOST_ORDER: readonly HostRole[] = ['host', 'organizer', 'co_organizer']

/** Hosts, then organizers, then co-organizers, each in their saved order; empty roles left out. */
export function hostGroups(hosts: readonly EventHost[], lng: Language): HostGroup[] {
  return HOST_ORDER.map((role) => ({
    role,
    names: hosts
      .filter((h) => h.role === role)
      .map(({ organization: o }) => ({
        id: o.id,
        name: pickLocalized({ zh: o.name_zh, en: o.name_en, ja: o.name_ja }, lng),
      })),
  })).filter((group) => group.names.length > 0)
}
