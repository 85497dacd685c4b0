import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importsOf, layerOf, repositoryImports, twoWayTies, violations } from '../helpers/architecture'

const root = path.resolve(import.meta.dirname, '../..')

describe('imports run one way: entry points → page views, ui, http → domain → kernel → db', () => {
  it('places each folder in its layer', () => {
    expect(layerOf('app/routes/people.tsx')).toBe('entry')
    expect(layerOf('app/scanner/main.tsx')).toBe('entry')
    expect(layerOf('app/registration/delegate-page.server.ts')).toBe('page')
    expect(layerOf('app/ui/primitives/field.tsx')).toBe('ui')
    expect(layerOf('app/http/context')).toBe('http')
    expect(layerOf('app/people/people.server')).toBe('domain')
    expect(layerOf('app/validation/field-errors.ts')).toBe('kernel')
    expect(layerOf('app/config.server')).toBe('kernel')
    expect(layerOf('db/schema')).toBe('db')
  })

  it('refuses the domain reaching into the HTTP layer, the UI, the routes or the server, even for a type', () => {
    const source = [
      "import type { AppContext } from '../http/context'",
      "import { Field } from '../ui/primitives/field'",
      "import { loader } from '../routes/people'",
      "import { start } from '../server/app'",
      "export { view } from './people-page.server'",
      "const later = () => import('../routes/people')",
    ].join('\n')
    const found = violations(importsOf('app/people/people.server.ts', source))
    expect(found.map((v) => `${v.to}: ${v.rule}`)).toEqual([
      'app/http/context: domain may not import http',
      'app/ui/primitives/field: domain may not import ui',
      'app/routes/people: domain may not import entry',
      'app/server/app: domain may not import entry',
      'app/people/people-page.server: domain may not import page',
      'app/routes/people: domain may not import entry',
    ])
  })

  it('refuses a page view taking a type from the UI, the kernel taking from a concept, and db taking from app', () => {
    expect(
      violations(importsOf('app/registration/x-page.server.ts', "import type { V } from '../ui/registration/form'")),
    ).toHaveLength(1)
    expect(violations(importsOf('app/i18n/format.ts', "import { x } from '../people/names'"))).toHaveLength(1)
    expect(violations(importsOf('db/schema.ts', "import type { Language } from '../app/i18n/i18n'"))).toHaveLength(1)
  })

  it("refuses the scanner's browser code a .server module, even for a type, and lets its API use one", () => {
    const source = "import type { Verdict } from '../checkin/checkin.server'"
    expect(violations(importsOf('app/scanner/ui/door.tsx', source)).map((v) => v.rule)).toEqual([
      'scanner browser code may not import a .server module',
    ])
    expect(violations(importsOf('app/scanner/api.server.ts', source))).toEqual([])
  })

  it('lets each layer import what is below it', () => {
    const source = [
      "import { requireEventAccess } from '../http/access.server'",
      "import { listPeople } from '../people/people.server'",
      "import { view } from '../people/people-page.server'",
      "import { PageHeader } from '../ui/primitives/page-header'",
      "import type { Database } from '../../db/schema'",
    ].join('\n')
    expect(violations(importsOf('app/routes/people.tsx', source))).toEqual([])
    expect(violations(importsOf('app/people/people.server.ts', "import { fold } from '../validation/email'"))).toEqual(
      [],
    )
  })

  it('finds two concepts that import each other, and not a page view reading both', () => {
    const imports = [
      ...importsOf('app/people/people.server.ts', "import { x } from '../registration/rules'"),
      ...importsOf('app/registration/rules.ts', "import { y } from '../people/names'"),
      ...importsOf('app/events/events.server.ts', "import { z } from '../registration/rules'"),
      ...importsOf('app/registration/x-page.server.ts', "import { w } from '../events/events.server'"),
    ]
    expect(twoWayTies(imports)).toEqual(['people <-> registration'])
  })

  it('keeps concepts leaning one way: the one tie left is known and nothing adds another', () => {
    // sessions.server.ts promotes the waiting list (registration/seats.server.ts) when a session's
    // capacity grows, while registration reads sessions: to fold, not to copy.
    expect(twoWayTies(repositoryImports(root))).toEqual(['registration <-> sessions'])
  })

  it('holds for every file of app/ and db/', () => {
    const imports = repositoryImports(root)
    expect(imports.length).toBeGreaterThan(500)
    expect(violations(imports)).toEqual([])
  })
})

describe('landed migrations never change', () => {
  const folder = path.join(root, 'db/migrations')
  const landed: Record<string, string> = JSON.parse(readFileSync(path.join(folder, 'landed.json'), 'utf8'))
  const sha256 = (file: string) =>
    createHash('sha256')
      .update(readFileSync(path.join(folder, file)))
      .digest('hex')

  it('keeps every landed migration byte for byte as it landed (fix forward with a new one)', () => {
    const changed = Object.entries(landed)
      .filter(([file, hash]) => sha256(file) !== hash)
      .map(([file]) => file)
    expect(changed).toEqual([])
  })

  it('records each migration of the folder and of the list when it lands, in order', () => {
    const files = readdirSync(folder)
      .filter((f) => /^\d{8}_\d{4}_.+\.ts$/.test(f))
      .sort()
    const listed = [
      ...readFileSync(path.join(folder, 'index.ts'), 'utf8').matchAll(/^ {2}'(\d{8}_\d{4}_[^']+)':/gm),
    ].map((m) => `${m[1]}.ts`)
    expect(Object.keys(landed)).toEqual(files)
    expect(listed).toEqual(files)
  })
})
