/**
 * The house rules of app/ as code (ADR 0022): which layer a file is in, and which imports run
 * back up. Read from the files as text, so that the rule holds for `import type` too.
 *
 *   routes, scanner, server, cli   (entry points)
 *     → page views (*-page.server.ts), ui, http
 *       → domain (one folder per concept)
 *         → kernel (i18n, time, validation, config)
 *           → db
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export type Layer = 'entry' | 'page' | 'ui' | 'http' | 'domain' | 'kernel' | 'db' | 'outside'

const SOURCE = /\.(ts|tsx)$/
const ENTRY = new Set(['routes', 'scanner', 'server', 'cli'])
const KERNEL = new Set(['i18n', 'time', 'validation'])
/** Top-level files of app/ that are entry points (the framework's) or kernel (the configuration). */
const APP_FILES: Record<string, Layer> = {
  root: 'entry',
  routes: 'entry',
  'entry.client': 'entry',
  'entry.server': 'entry',
  'config.server': 'kernel',
}
/** db/ files that are commands of their own, not the database layer. */
const DB_ENTRIES = new Set(['db/migrate-cli'])

/** The layer of a repository-relative path such as `app/people/people.server.ts` (extension optional). */
export function layerOf(name: string): Layer {
  const file = name.replace(SOURCE, '')
  const parts = file.split('/')
  if (parts[0] === 'db') return DB_ENTRIES.has(file) ? 'entry' : 'db'
  if (parts[0] !== 'app') return 'outside'
  if (parts.length === 2) return APP_FILES[parts[1] ?? ''] ?? 'domain'
  const top = parts[1] ?? ''
  if (ENTRY.has(top)) return 'entry'
  if (top === 'ui') return 'ui'
  if (top === 'http') return 'http'
  if (KERNEL.has(top)) return 'kernel'
  if (file.endsWith('-page.server')) return 'page'
  return 'domain'
}

/** What each layer may import, besides itself (a concept's files import each other freely). */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  entry: ['entry', 'page', 'ui', 'http', 'domain', 'kernel', 'db', 'outside'],
  page: ['http', 'domain', 'kernel', 'db', 'outside'],
  ui: ['page', 'http', 'domain', 'kernel', 'db', 'outside'],
  http: ['domain', 'kernel', 'db', 'outside'],
  domain: ['domain', 'kernel', 'db', 'outside'],
  kernel: ['kernel', 'db', 'outside'],
  db: ['outside'],
  outside: ['entry', 'page', 'ui', 'http', 'domain', 'kernel', 'db', 'outside'],
}

export interface Import {
  from: string
  to: string
  typeOnly: boolean
}

export interface Violation {
  from: string
  to: string
  rule: string
}

// `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`, at the start of a line.
const STATIC = /^\s*(import|export)(\s+type)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

/** The relative imports of one file, resolved to repository-relative paths without extension. */
export function importsOf(file: string, source: string): Import[] {
  const out: Import[] = []
  const add = (spec: string, typeOnly: boolean) => {
    if (!spec.startsWith('.')) return
    out.push({ from: file, to: path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)), typeOnly })
  }
  for (const m of source.matchAll(STATIC)) add(m[3] ?? m[4] ?? '', m[2] !== undefined)
  for (const m of source.matchAll(DYNAMIC)) add(m[1] ?? '', false)
  return out
}

/** The rules an import breaks: a layer reaching up, or browser code of the scanner reaching the server. */
export function violations(imports: readonly Import[]): Violation[] {
  const found: Violation[] = []
  for (const i of imports) {
    const from = layerOf(i.from)
    const to = layerOf(i.to)
    if (from !== to && !MAY_IMPORT[from].includes(to)) {
      found.push({ from: i.from, to: i.to, rule: `${from} may not import ${to}` })
    }
    // The scanner's browser bundle takes its types from its wire (app/scanner/wire.ts), never from the server.
    if (i.from.startsWith('app/scanner/') && !/\.server\.tsx?$/.test(i.from) && i.to.endsWith('.server')) {
      found.push({ from: i.from, to: i.to, rule: 'scanner browser code may not import a .server module' })
    }
  }
  return found
}

/**
 * Pairs of domain folders that import each other (page views aside), each as `a <-> b` with a
 * before b: concepts are meant to lean one way, so that one can be read without the other.
 */
export function twoWayTies(imports: readonly Import[]): string[] {
  const edges = new Set<string>()
  for (const i of imports) {
    if (layerOf(i.from) !== 'domain' || layerOf(i.to) !== 'domain') continue
    const a = i.from.split('/')[1] ?? ''
    const b = i.to.split('/')[1] ?? ''
    if (i.from.split('/').length > 2 && i.to.split('/').length > 2 && a !== b) edges.add(`${a}>${b}`)
  }
  const ties = new Set<string>()
  for (const edge of edges) {
    const [a = '', b = ''] = edge.split('>')
    if (edges.has(`${b}>${a}`)) ties.add(a < b ? `${a} <-> ${b}` : `${b} <-> ${a}`)
  }
  return [...ties].sort()
}

/** Every source file below the given folders, repository-relative. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`
      if (entry.isDirectory()) walk(rel)
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(rel)
    }
  }
  for (const folder of folders) walk(folder)
  return files.sort()
}

/** The imports of every source file of app/ and db/. */
export function repositoryImports(root: string): Import[] {
  return sourceFiles(root, ['app', 'db']).flatMap((file) =>
    importsOf(file, readFileSync(path.join(root, file), 'utf8')),
  )
}
