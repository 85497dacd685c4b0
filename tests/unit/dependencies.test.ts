/**
 * Dependencies (issue 7): every runtime dependency is pinned exactly and has its reason in ADR
 * 0016, none is deprecated or end of life, and the installed tree is what package-lock.json says
 * (`npm ls` is clean).
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const adr = readFileSync('docs/decisions/0016-runtime-dependencies.md', 'utf8')
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string; deprecated?: string }>
}
/**
 * Remix v2's framework packages, ended by their maintainers (React Router 7 continues them; the
 * brief). Not every @remix-run package: React Router 7 itself uses the maintained
 * `@remix-run/node-fetch-server`.
 */
const END_OF_LIFE = [
  /^@remix-run\/(architect|cloudflare|cloudflare-pages|cloudflare-workers|css-bundle|deno|dev|eslint-config|express|node|react|router|serve|server-runtime|testing)$/,
]
const lockedPackages = Object.entries(lock.packages)
  .filter(([path]) => path.startsWith('node_modules/'))
  .map(([path, entry]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), ...entry }))

describe('dependencies', () => {
  it('pins every dependency to an exact version', () => {
    const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
      ([, version]) => !/^\d+\.\d+\.\d+$/.test(version),
    )
    expect(loose).toEqual([])
  })

  it('gives every runtime dependency its reason in ADR 0016', () => {
    const unexplained = Object.keys(pkg.dependencies).filter((name) => !adr.includes(`\`${name}\``))
    expect(unexplained).toEqual([])
  })

  // npm writes the registry's deprecation notice into package-lock.json when it resolves a
  // package, so a deprecated package anywhere in the tree shows here without a network call.
  it('locks no package the registry marks deprecated, direct or transitive', () => {
    expect(lockedPackages.length).toBeGreaterThan(100)
    const deprecated = lockedPackages.filter((p) => p.deprecated).map((p) => `${p.name}@${p.version}: ${p.deprecated}`)
    expect(deprecated).toEqual([])
  })

  it('locks no package of an end-of-life family', () => {
    const ended = lockedPackages.filter((p) => END_OF_LIFE.some((family) => family.test(p.name))).map((p) => p.name)
    expect(ended).toEqual([])
  })

  it('has an installed tree npm ls finds consistent', async () => {
    const { stdout } = await run('npm', ['ls', '--json'], { maxBuffer: 64 * 1024 * 1024 })
    const tree = JSON.parse(stdout) as { problems?: string[] }
    expect(tree.problems ?? []).toEqual([])
  }, 60_000)
})
