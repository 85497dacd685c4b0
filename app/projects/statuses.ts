import type { ProjectStatus } from '../../db/schema'

/** A project's stages, in order: from planned on a run of show to money invested. */
export const PROJECT_STATUSES = [
  'planned',
  'confirmed',
  'signed',
  'started',
  'invested',
  'cancelled',
] as const satisfies readonly ProjectStatus[]

/** The statuses in which a project has been signed, and counts in the "signed" figure. */
export const SIGNED_STATUSES = ['signed', 'started', 'invested'] as const satisfies readonly ProjectStatus[]
/** The statuses in which construction has started (the "started" figure). */
export const STARTED_STATUSES = ['started', 'invested'] as const satisfies readonly ProjectStatus[]
