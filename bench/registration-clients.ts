/**
 * The 500 delegates of the registration burst (bench/registration.ts), in their own process so
 * that the clients' work does not share the server's event loop, as with real phones. Receives
 * the links and forms over IPC, follows every link (untimed), measures the floor and the burst,
 * and answers with the timings.
 */
import { performance } from 'node:perf_hooks'
import { TestClient } from '../tests/helpers/server'

export interface BurstOrder {
  origin: string
  slug: string
  tokens: string[]
  forms: string[]
}

export interface BurstReport {
  floorMs: number
  totalMs: number
  latencies: number[]
  statuses: number[]
}

async function burst(order: BurstOrder): Promise<BurstReport> {
  const clients: TestClient[] = []
  for (const token of order.tokens) {
    const client = new TestClient(order.origin)
    const answer = await client.request(`/i/${token}`, { method: 'POST' })
    if (answer.status !== 303) throw new Error(`the invitation link answered ${answer.status}, not 303`)
    clients.push(client)
  }

  const floorStart = performance.now()
  await Promise.all(clients.map((c) => c.get('/healthz').then((r) => r.text())))
  const floorMs = performance.now() - floorStart

  const latencies: number[] = []
  const statuses: number[] = []
  const start = performance.now()
  await Promise.all(
    clients.map(async (client, n) => {
      const t0 = performance.now()
      const response = await client.request(`/e/${order.slug}/register`, {
        method: 'POST',
        body: new URLSearchParams(order.forms[n]),
      })
      await response.arrayBuffer()
      latencies.push(performance.now() - t0)
      statuses.push(response.status)
    }),
  )
  return { floorMs, totalMs: performance.now() - start, latencies, statuses }
}

process.once('message', (order: BurstOrder) => {
  burst(order).then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.exit(1),
      ),
  )
})
