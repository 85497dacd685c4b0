import { useTranslation } from 'react-i18next'
import { data } from 'react-router'
import { createDevice, listDevices, renameDevice, renewEnrollment, revokeDevice } from '../checkin/devices.server'
import { type DeviceOutcome, devicesPage, enrollmentView } from '../checkin/devices-page.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import {
  ConfirmRevoke,
  DeviceOutcomeNotice,
  DevicesTable,
  EnrollmentCard,
  NewDeviceForm,
} from '../ui/checkin/devices-page'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import type { Route } from './+types/event-devices'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const url = new URL(request.url)
  const confirmId = url.searchParams.get('confirm') === 'revoke' ? url.searchParams.get('device') : null
  const page = await devicesPage(context.get(appContext).db, event, confirmId, getLanguage(context))
  return { pageTitle: getI18n(context).t('checkin.devices.title'), ...page }
}

/** The refusal of an action, with its status: 404 when the device is unknown, else 400. */
function refused(reason: Extract<DeviceOutcome, { ok: false }>['reason']) {
  const outcome: DeviceOutcome = { ok: false, reason }
  return data({ outcome, enrollment: null }, reason === 'not_found' ? 404 : 400)
}

function did(done: Extract<DeviceOutcome, { ok: true }>['done'], name: string): DeviceOutcome {
  return { ok: true, done, name }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config, ip } = context.get(appContext)
  const lng = getLanguage(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const actor = { userId: user.id, ip }
  const deviceId = String(form.get('device_id') ?? '')
  const enrollment = (name: string, code: string, expiresAt: string) =>
    enrollmentView(config.appUrl, name, code, expiresAt, event.timezone, lng)
  if (intent === 'create') {
    const sessionIds = form.getAll('sessions').filter((v): v is string => typeof v === 'string')
    const name = form.get('name')
    const result = await createDevice(db, event.id, { name, sessionIds }, actor)
    if (!result.ok) return refused(result.reason)
    const shown = String(name).replace(/\s+/g, ' ').trim()
    return {
      outcome: did('created', shown),
      enrollment: await enrollment(shown, result.enrollmentCode, result.enrollmentExpiresAt),
    }
  }
  const devices = await listDevices(db, event.id)
  const device = devices.find((d) => d.id === deviceId)
  if (!device) return refused('not_found')
  if (intent === 'rename') {
    const result = await renameDevice(db, event.id, device.id, form.get('name'), actor)
    if (!result.ok) return refused(result.reason)
    return { outcome: did('renamed', String(form.get('name')).replace(/\s+/g, ' ').trim()), enrollment: null }
  }
  if (intent === 'renew') {
    const result = await renewEnrollment(db, event.id, device.id, actor)
    if (!result.ok) return refused('not_found')
    return {
      outcome: did('newQr', device.name),
      enrollment: await enrollment(device.name, result.enrollmentCode, result.enrollmentExpiresAt),
    }
  }
  if (intent === 'revoke') {
    await revokeDevice(db, event.id, device.id, actor)
    return { outcome: did('revoked', device.name), enrollment: null }
  }
  throw data({ code: 'bad_request' }, { status: 400 })
}

export function headers() {
  // The enrollment QR is shown once: never from a cache.
  return { 'Cache-Control': 'no-store' }
}

export default function EventDevices({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const page = `${base}/devices`
  return (
    <section className="stack">
      <PageHeader
        back={base}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={t('checkin.devices.title')}
        intro={t('checkin.devices.intro')}
      />
      <DeviceOutcomeNotice outcome={actionData?.outcome} version={actionData} />
      {actionData?.enrollment ? <EnrollmentCard enrollment={actionData.enrollment} /> : null}
      {d.confirm ? <ConfirmRevoke id={d.confirm.id} name={d.confirm.name} page={page} /> : null}
      <NewDeviceForm d={d} page={page} />
      <DevicesTable d={d} page={page} />
    </section>
  )
}
