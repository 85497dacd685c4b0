/**
 * The scanner's own translation, standing in for react-i18next in the standalone scanner bundle
 * (vite.scanner.config.ts aliases `react-i18next` to this file): the page carries the messages of
 * one language as JSON, so the phone downloads neither i18next nor three catalogues. Same keys
 * and `{{name}}` interpolation as the app's messages.
 */
import type { Language } from '../i18n/languages'

type Tree = { [key: string]: string | Tree }

let language: Language = 'en'
let messages: Tree = {}

export function setScannerMessages(lng: Language, tree: Tree): void {
  language = lng
  messages = tree
}

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = messages
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

export function t(key: string, values: Record<string, unknown> = {}): string {
  const text = lookup(key) ?? key
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''))
}

/** react-i18next's hook, as far as the scanner uses it. */
export function useTranslation() {
  return { t, i18n: { language } }
}
