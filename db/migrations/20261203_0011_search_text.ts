// FROZEN: never edit a migration that has landed. Add a new one instead.
// Search folds what a user cannot see (issue 16): kana and katakana, half- and full-width forms,
// case and spaces. SQL cannot fold kana the same way on SQLite and PostgreSQL, so each searched
// row keeps its own folded text, written by the application on every write of the columns it
// is made of (app/people/search.ts): people (names, kana, email), organizations (their three
// names) and registrations (the names, kana, organization and email the delegate gave). Searches
// match the folded query inside it with LIKE.
//
// The rows already there are folded here, in JavaScript, in batches, on both dialects. A
// migration imports no app code, so the fold is copied below as it is on the day this lands;
// tests/integration/migrations.test.ts checks that it agrees with app/people/search.ts. A later
// change to the fold needs a migration of its own that folds the rows again.
import type { Kysely } from 'kysely'
import { toHiragana } from 'wanakana'

const BATCH = 500

function fold(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30F7-\u30FA]/g, (c) => c.normalize('NFD'))
  return toHiragana(folded, { passRomaji: true, convertLongVowelMark: false }).replace(/\s+/gu, '').normalize('NFKC')
}

function joined(parts: readonly (string | null)[]): string {
  return parts
    .map((part) => fold(part ?? ''))
    .filter(Boolean)
    .join('\n')
}

type Row = Record<string, string | null>

const texts: Record<'people' | 'organizations' | 'registrations', { columns: string[]; text: (row: Row) => string }> = {
  people: {
    columns: ['family_name', 'given_name', 'latin_name', 'kana', 'email'],
    text: (r) =>
      joined([
        `${r.family_name ?? ''}${r.given_name ?? ''}`,
        `${r.given_name ?? ''}${r.family_name ?? ''}`,
        r.latin_name ?? null,
        r.kana ?? null,
        r.email ?? null,
      ]),
  },
  organizations: {
    columns: ['name_zh', 'name_en', 'name_ja'],
    text: (r) => joined([...new Set([r.name_zh ?? '', r.name_en ?? '', r.name_ja ?? ''])]),
  },
  registrations: {
    columns: ['family_name', 'given_name', 'latin_name', 'kana', 'organization_name', 'email'],
    text: (r) =>
      joined([
        `${r.family_name ?? ''}${r.given_name ?? ''}`,
        `${r.given_name ?? ''}${r.family_name ?? ''}`,
        r.latin_name ?? null,
        r.kana ?? null,
        r.organization_name ?? null,
        r.email ?? null,
      ]),
  },
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, { columns, text }] of Object.entries(texts)) {
    await db.schema
      .alterTable(table)
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute()
    // Keyset pages by id, so that each batch is one short read whatever the table's size.
    let after = ''
    for (;;) {
      const rows: Row[] = await db
        .selectFrom(table)
        .select(['id', ...columns])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute()
      for (const row of rows) {
        await db
          .updateTable(table)
          .set({ search_text: text(row) })
          .where('id', '=', row.id)
          .execute()
      }
      const last = rows.at(-1)
      if (!last || rows.length < BATCH) break
      after = String(last.id)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of Object.keys(texts).reverse()) {
    await db.schema.alterTable(table).dropColumn('search_text').execute()
  }
}
