/**
 * Dependencies (issue 7): every runtime dependency is pinned exactly and has its reason in ADR
 * 0016, and the installed tree is what package-lock.json says (`npm ls` is clean).
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

  it('has an installed tree npm ls finds consistent', async () => {
    const { stdout } = await run('npm', ['ls', '--json'], { maxBuffer: 64 * 1024 * 1024 })
    const tree = JSON.parse(stdout) as { problems?: string[] }
    expect(tree.problems ?? []).toEqual([])
  }, 60_000)
})
