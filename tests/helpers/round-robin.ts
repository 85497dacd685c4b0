/**
 * A tiny round-robin load balancer for tests: each request goes to the next backend in turn,
 * bodies and answers streamed both ways (server-sent events pass through as they come).
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RoundRobin {
  origin: string
  /** how many requests each backend got */
  counts: number[]
  close: () => Promise<void>
}

export async function startRoundRobin(backends: readonly string[]): Promise<RoundRobin> {
  let next = 0
  const counts = backends.map(() => 0)
  const server: Server = createServer((req, res) => {
    const index = next++ % backends.length
    counts[index] = (counts[index] ?? 0) + 1
    const target = new URL(req.url ?? '/', backends[index])
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
