/**
 * Where the standalone scanner bundle is (vite.scanner.config.ts builds it into
 * build/client/scanner with a manifest): the entry's URL, or null when it was not built (the
 * development server), in which case the scanner runs inside the React Router app as any page
 * (app/routes/scan.tsx renders app/scanner/ui then).
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const MANIFEST = resolve('build/client/scanner/.vite/manifest.json')
let cached: { url: string | null } | null = null

export function scannerBundleUrl(): string | null {
  // The development server runs the scanner inside the app, never a bundle left by an old build.
  if (import.meta.env.DEV || !existsSync(MANIFEST)) return null
  if (cached) return cached.url
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string; isEntry?: boolean }>
    const entry = Object.values(manifest).find((m) => m.isEntry)
    cached = { url: entry ? `/scanner/${entry.file}` : null }
  } catch {
    cached = { url: null }
  }
  return cached.url
}
