import { randomUUID } from 'node:crypto'

/** Row ids: random UUIDs, portable across dialects and safe to show in URLs. */
export const newId = (): string => randomUUID()

/** The current instant as stored: ISO-8601 UTC. */
export const nowIso = (now: Date = new Date()): string => now.toISOString()
