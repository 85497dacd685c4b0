// The list of migrations, in order. Append only: a landed entry never changes or moves.
// Imported statically so that the bundled server, the CLI and the tests run the same list.
import type { Migration, MigrationProvider } from 'kysely/migration'
import * as m20261122_0001 from './20261122_0001_foundation'
import * as m20261122_0002 from './20261122_0002_sessions'
import * as m20261122_0003 from './20261122_0003_imports'
import * as m20261122_0004 from './20261122_0004_registration'
import * as m20261122_0005 from './20261122_0005_checkin'
import * as m20261122_0006 from './20261122_0006_badge_roles'
import * as m20261201_0007 from './20261201_0007_ceremonies'
import * as m20261201_0008 from './20261201_0008_session_tallies'
import * as m20261202_0009 from './20261202_0009_submission_key_hashed'
import * as m20261203_0010 from './20261203_0010_accounts'
import * as m20261203_0011 from './20261203_0011_search_text'
import * as m20261203_0012 from './20261203_0012_scan_window'
import * as m20261206_0014 from './20261206_0014_mail_batches'
import * as m20261206_0015 from './20261206_0015_registration_list_order'
import * as m20261206_0016 from './20261206_0016_event_contact'

const migrations: Record<string, Migration> = {
  '20261122_0001_foundation': m20261122_0001,
  '20261122_0002_sessions': m20261122_0002,
  '20261122_0003_imports': m20261122_0003,
  '20261122_0004_registration': m20261122_0004,
  '20261122_0005_checkin': m20261122_0005,
  '20261122_0006_badge_roles': m20261122_0006,
  '20261201_0007_ceremonies': m20261201_0007,
  '20261201_0008_session_tallies': m20261201_0008,
  '20261202_0009_submission_key_hashed': m20261202_0009,
  '20261203_0010_accounts': m20261203_0010,
  '20261203_0011_search_text': m20261203_0011,
  '20261203_0012_scan_window': m20261203_0012,
  '20261206_0014_mail_batches': m20261206_0014,
  '20261206_0015_registration_list_order': m20261206_0015,
  '20261206_0016_event_contact': m20261206_0016,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
