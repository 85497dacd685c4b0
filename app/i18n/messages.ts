import type en from './locales/en'

/** The shape every locale must have: the same keys as en, any strings. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof en>

export type MessageTree = { [key: string]: string | MessageTree }

/** Every leaf key of a message tree, dotted: 'auth.rate_limited'. */
export function flattenKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flattenKeys(value, `${prefix}${key}.`),
  )
}

/**
 * Keys present in any locale but missing (or empty) in another, per locale.
 * An empty result means the locales agree.
 */
export function findMissingKeys(locales: Record<string, MessageTree>): Record<string, string[]> {
  const all = new Set(Object.values(locales).flatMap((tree) => flattenKeys(tree)))
  const missing: Record<string, string[]> = {}
  for (const [lng, tree] of Object.entries(locales)) {
    const present = new Set(flattenKeys(tree).filter((key) => lookup(tree, key)?.trim()))
    const gaps = [...all].filter((key) => !present.has(key)).sort()
    if (gaps.length > 0) missing[lng] = gaps
  }
  return missing
}

export function lookup(tree: MessageTree, dotted: string): string | undefined {
  let node: string | MessageTree | undefined = tree
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}
