/**
 * The round-robin balancer of the PostgreSQL benchmarks (bench/checkin-pg.ts,
 * bench/registration-pg.ts), in a process of its own: `node:net`, each incoming connection handed
 * to the next backend in turn and its bytes piped both ways, as a TCP balancer (HAProxy in TCP
 * mode, nginx's stream module) does. No HTTP parsing, so it costs the same for every request of
 * every row it stands in front of: the benchmarks put it in front of one instance and of the
 * floors too, so every ratio compares two paths that both pass through it.
 * Usage: tsx bench/balancer.ts <port> <backend port>...; exits when its parent goes (stdin ends).
 */
import { connect, createServer, type Socket } from 'node:net'

const [port, ...backends] = process.argv.slice(2).map(Number)
if (!port || backends.length === 0) throw new Error('usage: balancer.ts <port> <backend port>...')

let next = 0
const open = new Set<Socket>()
const server = createServer({ noDelay: true }, (client) => {
  const upstream = connect({ host: '127.0.0.1', port: backends[next++ % backends.length] ?? 0, noDelay: true })
  open.add(client)
  open.add(upstream)
  const close = () => {
    client.destroy()
    upstream.destroy()
    open.delete(client)
    open.delete(upstream)
  }
  client.on('error', close).on('close', close)
  upstream.on('error', close).on('close', close)
  client.pipe(upstream)
  upstream.pipe(client)
})
server.listen(port, '127.0.0.1', () => console.log('balancer: listening'))

// The benchmark holds our stdin open; when it ends (the benchmark exited, however), so do we.
process.stdin.resume()
process.stdin.on('end', () => {
  for (const socket of open) socket.destroy()
  process.exit(0)
})
