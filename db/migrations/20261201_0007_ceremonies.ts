// FROZEN: never edit a migration that has landed. Add a new one instead.
// Run of show (issue 6): a session's ordered segments (speeches, signings, awards, initiatives …)
// with the people on stage and, for signings, awards and initiatives, the organizations coming up
// in order with the person who signs, receives or represents them; the project every signing
// produces, with its pipeline (signed, construction started, investment in place); protocol ranks
// per event; and the seats at the signing table of each room of an event (ADR 0014).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes', 'integer', (c) => c.notNull())
    // The MC's line for this segment.
    .addColumn('script_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('script_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('script_ja', 'text', (c) => c.notNull().defaultTo(''))
    // Awards: the award's name (e.g. 招商合伙人) and the citation the MC reads.
    .addColumn('award_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('award_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('award_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('citation_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('citation_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('citation_ja', 'text', (c) => c.notNull().defaultTo(''))
    // Signings: copies of the agreement each party signs.
    .addColumn('copies', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('segments_session').on('segments').columns(['session_id', 'position']).execute()
  await db.schema.createIndex('segments_event').on('segments').columns(['event_id']).execute()

  // Organizations coming up in a segment, in order: signing parties left to right (with the
  // signatory and the assistant who hands over the folders), award recipients in the order they
  // come up (with the person who receives), the bodies issuing an initiative (with their
  // representative). An organization listed twice is stored and shown as an error on the plan.
  await db.schema
    .createTable('segment_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('assistant_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('segment_parties_segment').on('segment_parties').columns(['segment_id']).execute()
  await db.schema.createIndex('segment_parties_person').on('segment_parties').columns(['person_id']).execute()

  // Everyone else on stage: speakers, witnesses (signings), presenters (awards), performers …
  await db.schema
    .createTable('segment_people')
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_people_pk', ['segment_id', 'person_id', 'role'])
    .execute()
  await db.schema.createIndex('segment_people_person').on('segment_people').columns(['person_id']).execute()

  // The project a signing produces; it outlives the plan (the pipeline is tracked for years).
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('segment_id', 'text', (c) => c.unique().references('segments.id').onDelete('set null'))
    .addColumn('name_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chain', 'text')
    // Decimal amounts as text (exact on both dialects): '1200000000.00'; currency ISO 4217.
    .addColumn('amount', 'text')
    .addColumn('currency', 'text')
    .addColumn('location_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location_ja', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_ja', 'text', (c) => c.notNull().defaultTo(''))
    // planned, confirmed, signed, started (construction), invested (in place), cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text')
    .addColumn('started_on', 'text')
    .addColumn('invested_on', 'text')
    .addColumn('invested_amount', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('projects_event').on('projects').columns(['event_id']).execute()

  // Protocol order as the organizer ranks it: 1 is the highest.
  await db.schema
    .createTable('protocol_ranks')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('protocol_ranks_pk', ['event_id', 'person_id'])
    .execute()

  // Seats at the signing table of a room, per event; the room is named by its folded name.
  await db.schema
    .createTable('stage_tables')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('room_key', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stage_tables_pk', ['event_id', 'room_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stage_tables').execute()
  await db.schema.dropTable('protocol_ranks').execute()
  await db.schema.dropTable('projects').execute()
  await db.schema.dropTable('segment_people').execute()
  await db.schema.dropTable('segment_parties').execute()
  await db.schema.dropTable('segments').execute()
}
