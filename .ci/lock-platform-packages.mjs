// Repairs package-lock.json after `npm install` on a machine whose registry lacks some
// platform-specific optional packages (rollup's and Biome's binaries for other systems): npm
// leaves them out of the lock and `npm ci` then refuses the lock as out of sync (npm/cli#4828).
// This adds each missing one as an optional entry restricted to its os/cpu/libc, so `npm ci`
// accepts the lock and skips it on this platform, exactly as a full registry would have recorded.
// Run after any dependency change: node .ci/lock-platform-packages.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const OS = ['android', 'darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'openharmony', 'sunos', 'aix']
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el']

let added = 0
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`
    if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue
    const parts = name.split('/').pop().split('-')
    const os = parts.find((p) => OS.includes(p))
    const cpu = parts.find((p) => CPU.includes(p))
    if (!os || !cpu) continue
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(parts.some((p) => p.startsWith('musl')) ? { libc: ['musl'] } : {}),
      ...(parts.some((p) => p === 'gnu' || p === 'gnueabihf') ? { libc: ['glibc'] } : {}),
    }
    added++
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
)
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`package-lock.json: added ${added} platform package entr${added === 1 ? 'y' : 'ies'}`)
