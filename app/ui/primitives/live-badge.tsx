/** Whether a live page's stream is connected, announced when it changes. */
export function LiveBadge({
  connected,
  live,
  reconnecting,
}: {
  connected: boolean
  live: string
  reconnecting: string
}) {
  return (
    <span className={connected ? 'net net-online' : 'net net-offline'} role="status" data-live={connected}>
      {connected ? live : reconnecting}
    </span>
  )
}
