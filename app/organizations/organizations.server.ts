import type { Kysely } from 'kysely'
import type { Database, OrganizationKind } from '../../db/schema'
import type { Language } from '../i18n/i18n'

export interface OrganizationOption {
  id: string
  name: Record<Language, string>
  kind: OrganizationKind
}

/** Every organization, for the hosts and companies-visited pickers, ordered by English name. */
export async function listOrganizations(db: Kysely<Database>): Promise<OrganizationOption[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'name_zh', 'name_en', 'name_ja', 'kind'])
    .orderBy('name_en')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: { zh: row.name_zh, en: row.name_en, ja: row.name_ja },
    kind: row.kind,
  }))
}
