/**
 * The delegate directory over HTTP: import preview and all-or-nothing commit, duplicates updated
 * or skipped, export (CSV with BOM, formulas neutralized; XLSX), the round trip, search, and the
 * upload size limit. Runs on SQLite and on PostgreSQL.
 */
import { request as httpRequest } from 'node:http'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countRows } from '../helpers/db'
import { makeUser, signedIn } from '../helpers/fixtures'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let client: TestClient

beforeAll(async () => {
  server = await startTestServer()
  await makeUser(server.db, 'planner@example.org', { admin: true })
  await makeUser(server.db, 'nobody@example.org')
  client = await signedIn(server.origin, 'planner@example.org')
})
afterAll(async () => {
  await server?.close()
})

const HEADER = '单位,国家,姓,名,latin_name,kana,职务,邮箱,电话,语言,VIP'

function upload(
  csv: string | Uint8Array<ArrayBuffer>,
  options: { filename?: string; onDuplicate?: 'skip' | 'update' } = {},
) {
  const form = new FormData()
  form.set('intent', 'preview')
  form.set('encoding', 'auto')
  form.set('on_duplicate', options.onDuplicate ?? 'skip')
  form.set('file', new Blob([csv]), options.filename ?? 'list.csv')
  return form
}

async function preview(
  path: string,
  csv: string | Uint8Array<ArrayBuffer>,
  options: Parameters<typeof upload>[1] = {},
) {
  const response = await client.request(path, { method: 'POST', body: upload(csv, options) })
  const html = await response.text()
  const importId = html.match(/name="import_id" value="([^"]+)"/)?.[1] ?? null
  const count = (name: string) => Number(html.match(new RegExp(`data-count="${name}">(\\d+)<`))?.[1])
  return {
    status: response.status,
    html,
    importId,
    counts: { total: count('total'), valid: count('valid'), duplicate: count('duplicate'), invalid: count('invalid') },
  }
}

async function commit(importId: string, onDuplicate: 'skip' | 'update') {
  return client.post('/people/import?lng=en', { intent: 'commit', import_id: importId, on_duplicate: onDuplicate })
}

async function importCsv(csv: string, onDuplicate: 'skip' | 'update' = 'skip') {
  const shown = await preview('/people/import?lng=en', csv)
  expect(shown.status).toBe(200)
  if (!shown.importId) throw new Error('no commit form in the preview')
  const response = await commit(shown.importId, onDuplicate)
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location') ?? '', server.origin)
}

const FIRST = [
  HEADER,
  '三菱商事,JP,佐藤,健一,SATO Kenichi,さとう けんいち,部長,sato@example.jp,+81 3-1234-5678,日本語,はい',
  '烟台港集团,CN,李,娜,LI Na,,总经理,li.na@example.cn,138 0000 0000,中文,否',
  'Acme Ltd,US,,,"Smith, Jane",,CEO,jane@acme.example,,en,no',
].join('\n')

describe('people import', () => {
  it('shows the preview with reasons in Chinese, and saves nothing for a file with an invalid row', async () => {
    const before = await countRows(server.db, 'people')
    const csv = `${FIRST}\n坏公司,CN,王,五,WANG Wu,,,not-an-email,,zh,maybe\n`
    const shown = await preview('/people/import?lng=zh', csv)
    expect(shown.status).toBe(200)
    expect(shown.counts).toEqual({ total: 4, valid: 3, duplicate: 0, invalid: 1 })
    expect(shown.html).toContain('请输入有效的电子邮箱地址')
    expect(shown.html).toContain('请填写 yes 或 no。')
    expect(shown.html).toContain('有 1 行有误')
    // the column is named as the file names it, not by Signet's key
    expect(shown.html).toContain('邮箱：请输入有效的电子邮箱地址')
    expect(shown.html).not.toContain('email：')
    // "save all rows" is not offered (only "save the valid rows"); a forced commit of all saves nothing
    expect(shown.html).not.toContain('>保存全部行<')
    expect(shown.html).toContain('保存无误的 3 行，跳过有误的 1 行')
    const stored = await server.db.selectFrom('imports').select('id').orderBy('created_at', 'desc').executeTakeFirst()
    const forced = await commit(stored?.id ?? '', 'skip')
    expect(forced.status).toBe(400)
    expect(await countRows(server.db, 'people')).toBe(before)
    expect(await countRows(server.db, 'organizations')).toBe(0)
  })

  it('reads countries written as names, as Chinese Excel users write them, and names a bad one', async () => {
    const csv = [
      HEADER,
      '日本商事,日本,佐藤,一郎,SATO Ichiro,,,ichiro@country.example.jp,,ja,no',
      '中国商事,中国,王,伟,WANG Wei,,,wei@country.example.cn,,zh,no',
      '国家商事,日本国,田中,花子,TANAKA Hanako,,,hanako@country.example.jp,,ja,no',
      '美国商事,Japan,鈴木,次郎,SUZUKI Jiro,,,jiro@country.example.jp,,ja,no',
      '无名商事,纳尼亚,李,四,LI Si,,,si@country.example.cn,,zh,no',
    ].join('\n')
    const shown = await preview('/people/import?lng=zh', csv)
    expect(shown.counts).toEqual({ total: 5, valid: 4, duplicate: 0, invalid: 1 })
    expect(shown.html).toContain('国家：无法识别国家“纳尼亚”')
  })

  it('commits a valid file in one go, creating organizations, with one audit entry', async () => {
    const location = await importCsv(FIRST)
    expect(location.pathname).toBe('/people')
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ created: '3', updated: '0', organizations: '3' })
    expect(await countRows(server.db, 'people')).toBe(3)
    const sato = await server.db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', 'sato@example.jp')
      .executeTakeFirstOrThrow()
    expect(sato).toMatchObject({ kana: 'さとう けんいち', title_ja: '部長', preferred_language: 'ja', vip: 1 })
    const audits = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'people.import').execute()
    expect(audits).toHaveLength(1)
    expect(JSON.parse(audits[0]?.detail ?? '{}')).toMatchObject({ created: 3, organizationsCreated: 3 })
    const page = await (await client.get(`${location.pathname}${location.search}&lng=en`)).text()
    expect(page).toContain('Import saved: 3 new')
  })

  it('skips or updates duplicates as chosen, matching emails case-insensitively', async () => {
    const changed = `${HEADER}\n三菱商事,JP,佐藤,健一,SATO Kenichi,,本部長,SATO@example.jp,,,\n`
    const shown = await preview('/people/import?lng=en', changed)
    expect(shown.counts).toMatchObject({ duplicate: 1, valid: 0 })
    if (!shown.importId) throw new Error('no commit form')
    const skipped = await commit(shown.importId, 'skip')
    expect(new URL(skipped.headers.get('location') ?? '', server.origin).searchParams.get('skipped')).toBe('1')
    const title = () =>
      server.db.selectFrom('people').select('title_ja').where('email', 'like', '%example.jp').executeTakeFirstOrThrow()
    expect((await title()).title_ja).toBe('部長')
    await importCsv(changed, 'update')
    expect((await title()).title_ja).toBe('本部長')
    expect(await countRows(server.db, 'people')).toBe(3)
    expect(await countRows(server.db, 'organizations')).toBe(3)
  })

  it('refuses an XLSX renamed to .csv and a binary file, in Japanese', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])
    const renamed = await preview('/people/import?lng=ja', zip, { filename: 'list.csv' })
    expect(renamed.status).toBe(400)
    expect(renamed.html).toContain('名前が .csv で終わる Excel ブック')
    const binary = await preview('/people/import?lng=ja', new Uint8Array([0, 1, 2, 3, 0, 255]))
    expect(binary.html).toContain('CSV でも XLSX でもないファイル')
  })

  it('refuses an upload whose Content-Length is over 50 MB before reading it, with 413', async () => {
    const url = new URL('/people/import?lng=en', server.origin)
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: {
          Cookie: client.cookieHeader,
          Origin: server.origin,
          'Content-Type': 'multipart/form-data; boundary=x',
          'Content-Length': String(60 * 1024 * 1024),
        },
      })
      req.on('response', (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body })
          req.destroy()
        })
      })
      req.on('error', reject)
      req.write('--x\r\n')
    })
    expect(status.status).toBe(413)
    // The body limit ahead of every route answers it (ADR 0019), in the reader's language.
    expect(status.body).toContain('This request is larger than this page takes and was refused.')
  })

  it('is refused to a signed-in user who organizes no event', async () => {
    const other = await signedIn(server.origin, 'nobody@example.org')
    expect((await other.get('/people')).status).toBe(403)
    expect((await other.get('/people/export.csv')).status).toBe(403)
  })
})

describe('people export', () => {
  it('writes CSV with a BOM, neutralizing formulas, as an ASCII-named attachment', async () => {
    await importCsv(`${HEADER}\nEvil Co,US,=cmd(),,"=HYPERLINK(""http://x"")",,,evil@example.org,,en,no\n`)
    const response = await client.get('/people/export.csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="signet-people-[\d-]+\.csv"$/)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain(`"'=cmd()"`)
    expect(text).not.toMatch(/(^|,)"?=cmd/m)
    expect(text).toContain('佐藤')
  })

  it('round-trips: exported CSV and XLSX import back as all duplicates', async () => {
    const total = await countRows(server.db, 'people')
    const csv = new Uint8Array(await (await client.get('/people/export.csv')).arrayBuffer())
    const fromCsv = await preview('/people/import?lng=en', csv, { filename: 'export.csv' })
    expect(fromCsv.counts).toEqual({ total, valid: 0, duplicate: total, invalid: 0 })
    const xlsxResponse = await client.get('/people/export.xlsx')
    expect(xlsxResponse.headers.get('content-type')).toContain('spreadsheetml')
    const xlsx = new Uint8Array(await xlsxResponse.arrayBuffer())
    const fromXlsx = await preview('/people/import?lng=en', xlsx, { filename: 'export.xlsx' })
    expect(fromXlsx.counts).toEqual({ total, valid: 0, duplicate: total, invalid: 0 })
    if (!fromCsv.importId) throw new Error('no commit form')
    // committing the round trip with "update" changes nothing visible and creates no one
    const before = await server.db
      .selectFrom('people')
      .select(['email', 'family_name', 'phone'])
      .orderBy('email')
      .execute()
    await commit(fromCsv.importId, 'update')
    expect(
      await server.db.selectFrom('people').select(['email', 'family_name', 'phone']).orderBy('email').execute(),
    ).toEqual(before)
    expect(await countRows(server.db, 'organizations')).toBe(4)
  })
})

describe('people directory search', () => {
  const search = async (query: string) => (await client.get(`/people?lng=en&${query}`)).text()

  it('finds by a kana substring, a Chinese substring, and Latin case-insensitively', async () => {
    const kana = await search(`q=${encodeURIComponent('けんい')}`)
    expect(kana).toContain('sato@example.jp')
    expect(kana).not.toContain('li.na@example.cn')
    const chinese = await search(`q=${encodeURIComponent('烟台港')}`)
    expect(chinese).toContain('li.na@example.cn')
    expect(chinese).not.toContain('sato@example.jp')
    const fullName = await search(`q=${encodeURIComponent('佐藤健')}`)
    expect(fullName).toContain('sato@example.jp')
    const latin = await search('q=sMiTh')
    expect(latin).toContain('jane@acme.example')
    expect(latin).not.toContain('sato@example.jp')
  })

  it('treats % and _ literally, and filters by country and VIP', async () => {
    expect(await search('q=%25')).toContain('No one matches this search.')
    const japan = await search('country=JP')
    expect(japan).toContain('sato@example.jp')
    expect(japan).not.toContain('li.na@example.cn')
    const vip = await search('vip=yes')
    expect(vip).toContain('sato@example.jp')
    expect(vip).not.toContain('jane@acme.example')
    expect(vip).toContain('<rt>さとう けんいち</rt>')
  })
})

describe('importing the valid rows and skipping the rest', () => {
  const csv = [
    HEADER,
    '好公司,日本,佐藤,一,SATO Hajime,,,hajime@skip.example.jp,,ja,no',
    '坏公司,纳尼亚,王,二,WANG Er,,,er@skip.example.cn,,zh,no',
    '好公司,JP,铃木,三,SUZUKI San,,,san@skip.example.jp,,ja,no',
    '坏公司,CN,李,四,LI Si,,,not-an-email,,zh,maybe',
  ].join('\n')

  const readWorkbook = async (bytes: ArrayBuffer) => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as never)
    const sheet = workbook.worksheets[0]
    const rows: string[][] = []
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))
    })
    return rows
  }

  it('saves the valid rows, leaves the others out, and offers them as XLSX with their reasons', async () => {
    const before = await countRows(server.db, 'people')
    const shown = await preview('/people/import?lng=zh', csv)
    expect(shown.counts).toEqual({ total: 4, valid: 2, duplicate: 0, invalid: 2 })
    const importId = shown.importId ?? ''
    // before saving, the rows with problems can be downloaded already
    const early = await client.get(`/people/import/${importId}/problems.xlsx?lng=zh`)
    expect(early.status).toBe(200)
    expect((await readWorkbook(await early.arrayBuffer())).length).toBe(3)

    const saved = await client.post('/people/import?lng=zh', {
      intent: 'commit',
      import_id: importId,
      on_duplicate: 'skip',
      skip_invalid: '1',
    })
    expect(saved.status).toBe(200)
    const html = await saved.text()
    expect(html).toContain('新增 2 人，更新 0 人，0 人已在名录中未作更改；有误的 2 行未保存。')
    expect(await countRows(server.db, 'people')).toBe(before + 2)
    const emails = (
      await server.db.selectFrom('people').select('email').where('email', 'like', '%@skip.example.%').execute()
    ).map((p) => p.email)
    expect(emails.sort()).toEqual(['hajime@skip.example.jp', 'san@skip.example.jp'])

    // the rows left out, as the file wrote them, with what is wrong with each, in Chinese
    const download = await client.get(`/people/import/${importId}/problems.xlsx?lng=zh`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toContain('spreadsheetml')
    const bytes = await download.arrayBuffer()
    const rows = await readWorkbook(bytes)
    expect(rows[0]).toEqual([
      '单位',
      '国家',
      '姓',
      '名',
      'latin_name',
      'kana',
      '职务',
      '邮箱',
      '电话',
      '语言',
      'VIP',
      '问题',
    ])
    expect(rows).toHaveLength(3)
    expect(rows[1]?.slice(0, 4)).toEqual(['坏公司', '纳尼亚', '王', '二'])
    expect(rows[1]?.at(-1)).toContain('国家：无法识别国家“纳尼亚”')
    expect(rows[2]?.at(-1)).toContain('邮箱：')

    // fixed nowhere and imported again, the workbook has no valid row: nothing to save
    const again = await client.request('/people/import?lng=zh', {
      method: 'POST',
      body: (() => {
        const form = new FormData()
        form.set('intent', 'preview')
        form.set('encoding', 'auto')
        form.set('on_duplicate', 'skip')
        form.set('file', new Blob([bytes]), 'problems.xlsx')
        return form
      })(),
    })
    const againHtml = await again.text()
    expect(againHtml).toContain('data-count="invalid">2<')
    expect(againHtml).toContain('data-count="valid">0<')
    expect(againHtml).not.toContain('name="skip_invalid"')
    // and the kept upload, committed again, saves nothing
    const twice = await client.post('/people/import?lng=zh', {
      intent: 'commit',
      import_id: importId,
      on_duplicate: 'skip',
      skip_invalid: '1',
    })
    expect(twice.status).toBe(400)
    expect(await countRows(server.db, 'people')).toBe(before + 2)
  })

  it('keeps another organizer out of an upload’s rows', async () => {
    const shown = await preview('/people/import?lng=en', csv)
    await makeUser(server.db, 'other-planner@example.org', { admin: true })
    const other = await signedIn(server.origin, 'other-planner@example.org')
    expect((await other.get(`/people/import/${shown.importId}/problems.xlsx`)).status).toBe(404)
    expect((await other.get('/people/import/not-an-import/problems.xlsx')).status).toBe(404)
  })
})

describe('the import template', () => {
  it('downloads in the organizer’s language with choice lists, and imports as it is once filled in', async () => {
    const response = await client.get('/people/import/template.xlsx?lng=zh')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain('signet-import-template-zh.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never)
    const [list, example] = workbook.worksheets
    expect(list?.name).toBe('嘉宾名单')
    expect(((list?.getRow(1).values ?? []) as unknown[]).slice(1)).toEqual([
      '单位',
      '国家',
      '姓',
      '名',
      '拼音/英文名',
      '假名',
      '职务',
      '邮箱',
      '电话',
      '语言',
      '贵宾',
    ])
    expect(list?.getCell('J2').dataValidation).toMatchObject({ type: 'list', formulae: ['"zh,en,ja"'] })
    expect(list?.getCell('K500').dataValidation).toMatchObject({ type: 'list', formulae: ['"yes,no"'] })
    expect(list?.actualRowCount).toBe(1)
    const exampleRow = ((example?.getRow(2).values ?? []) as unknown[]).slice(1).map(String)
    expect(exampleRow.slice(0, 3)).toEqual(['三菱商事株式会社', '日本', '佐藤'])

    // the organizer fills the first sheet (here: with the example, another email) and imports it
    list?.addRow([...exampleRow.slice(0, 7), 'template.user@example.jp', ...exampleRow.slice(8)])
    const filled = Buffer.from(await workbook.xlsx.writeBuffer())
    const form = new FormData()
    form.set('intent', 'preview')
    form.set('encoding', 'auto')
    form.set('on_duplicate', 'skip')
    form.set('file', new Blob([filled]), 'filled.xlsx')
    const html = await (await client.request('/people/import?lng=zh', { method: 'POST', body: form })).text()
    expect(html).toContain('data-count="valid">1<')
    expect(html).toContain('data-count="invalid">0<')
    expect(html).not.toContain('已忽略的列')
  })

  it('names the columns in Japanese and English too, each a name the import knows', async () => {
    for (const [lng, first, last] of [
      ['ja', '組織', '要人'],
      ['en', 'organization', 'vip'],
    ] as const) {
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(
        Buffer.from(await (await client.get(`/people/import/template.xlsx?lng=${lng}`)).arrayBuffer()) as never,
      )
      const headers = ((workbook.worksheets[0]?.getRow(1).values ?? []) as unknown[]).slice(1)
      expect([headers[0], headers.at(-1)]).toEqual([first, last])
    }
  })
})
