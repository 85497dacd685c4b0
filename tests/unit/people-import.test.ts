import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readCapped, readFormCapped } from '../../app/http/upload'
import { toCsv, toXlsx } from '../../app/people/people-export'
import {
  IMPORT_COLUMNS,
  type ImportCells,
  parseImportFile,
  parseLanguage,
  parseVip,
  type RawRow,
  validateRows,
} from '../../app/people/people-import'
import { likePattern } from '../../app/people/search'

const utf8 = (text: string) => new TextEncoder().encode(text)
const HEADER = 'organization,family_name,given_name,latin_name,kana,email,phone,preferred_language,vip\n'

async function rowsOf(bytes: Uint8Array, filename = 'list.csv', encoding: 'auto' | 'utf-8' | 'gb18030' = 'auto') {
  const result = await parseImportFile(bytes, filename, encoding)
  if (!result.ok) throw new Error(`expected rows, got ${result.error.key}`)
  return result.file
}

async function refusal(bytes: Uint8Array, filename = 'list.csv', encoding: 'auto' | 'utf-8' | 'gb18030' = 'auto') {
  const result = await parseImportFile(bytes, filename, encoding)
  if (result.ok) throw new Error('expected a refusal')
  return result.error
}

const row = (cells: ImportCells, line = 2): RawRow => ({ line, cells })

describe('reading a delegate file', () => {
  it('reads UTF-8 with and without a BOM alike', async () => {
    const text = `${HEADER}烟台港集团,李,娜,LI Na,,li.na@example.org,,zh,no\n`
    const plain = await rowsOf(utf8(text))
    const bom = await rowsOf(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))
    expect(bom.rows).toEqual(plain.rows)
    expect(plain.encoding).toBe('utf-8')
    expect(plain.rows[0]?.cells).toMatchObject({ organization: '烟台港集团', family_name: '李', latin_name: 'LI Na' })
  })

  it('detects GB18030 from Chinese Excel when the bytes are not UTF-8', async () => {
    // 'family_name,email\n' then 烟台 (D1CC CCA8) ',a@example.org\n'
    const bytes = new Uint8Array([...utf8('family_name,email\n'), 0xd1, 0xcc, 0xcc, 0xa8, ...utf8(',a@example.org\n')])
    const file = await rowsOf(bytes)
    expect(file.encoding).toBe('gb18030')
    expect(file.rows[0]?.cells.family_name).toBe('烟台')
    expect(await refusal(bytes, 'list.csv', 'utf-8')).toEqual({
      key: 'people.errors.encoding',
      values: { encoding: 'UTF-8' },
    })
    expect((await rowsOf(bytes, 'list.csv', 'gb18030')).rows[0]?.cells.family_name).toBe('烟台')
  })

  it('refuses an XLSX renamed to .csv, and a non-workbook named .xlsx', async () => {
    const xlsx = await toXlsx([])
    expect(await refusal(xlsx, 'delegates.csv')).toEqual({ key: 'people.errors.xlsxAsCsv' })
    expect(await refusal(utf8(HEADER), 'delegates.xlsx')).toEqual({ key: 'people.errors.notXlsx' })
  })

  it('refuses a binary file instead of producing garbage rows', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    expect(await refusal(png)).toEqual({ key: 'people.errors.binary' })
    const random = new Uint8Array(4096).map((_, i) => (i * 73 + 11) % 256)
    expect(await refusal(random, 'x.csv')).toEqual({ key: 'people.errors.binary' })
  })

  it('names the missing columns', async () => {
    expect(await refusal(utf8('organization,phone\nACME,123\n'))).toEqual({
      key: 'people.errors.missingColumns',
      values: { columns: 'family_name / latin_name, email' },
    })
    expect(await refusal(utf8('latin_name,phone\nX,1\n'))).toEqual({
      key: 'people.errors.missingColumns',
      values: { columns: 'email' },
    })
  })

  it('accepts header names in Chinese and Japanese, full-width and spaced', async () => {
    const zh = await rowsOf(utf8('单位,姓,名,邮箱,电话,语言,贵宾\n烟台港,李,娜,li@example.org,138 0000 0000,中文,是\n'))
    expect(zh.columns).toEqual([
      'organization',
      'family_name',
      'given_name',
      'email',
      'phone',
      'preferred_language',
      'vip',
    ])
    const jaRows = await rowsOf(
      utf8('組織,氏,名,ふりがな,メールアドレス,ＶＩＰ\n三菱商事,佐藤,健一,さとう けんいち,sato@example.jp,はい\n'),
    )
    expect(jaRows.rows[0]?.cells).toEqual({
      organization: '三菱商事',
      family_name: '佐藤',
      given_name: '健一',
      kana: 'さとう けんいち',
      email: 'sato@example.jp',
      vip: 'はい',
    })
  })

  it('lists unknown and not-yet-imported columns as ignored', async () => {
    const file = await rowsOf(utf8('email,latin_name,sessions,notes\na@example.org,A,opening,hi\n'))
    expect(file.ignored).toEqual(['sessions', 'notes'])
  })

  it('reads an XLSX workbook, phone numbers as text', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('list')
    sheet.addRow(['组织', '姓', '名', '邮箱', '电话'])
    sheet.addRow(['烟台港', '李', '娜', 'li@example.org', 13800138000])
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const file = await rowsOf(bytes, 'list.XLSX')
    expect(file.format).toBe('xlsx')
    expect(file.rows).toEqual([
      {
        line: 2,
        cells: {
          organization: '烟台港',
          family_name: '李',
          given_name: '娜',
          email: 'li@example.org',
          phone: '13800138000',
        },
      },
    ])
  })
})

describe('judging rows', () => {
  it('refuses bad emails and names the first row of a duplicate within the file', () => {
    const verdicts = validateRows(
      [
        row({ latin_name: 'A', email: 'not-an-email' }, 2),
        row({ latin_name: 'B', email: 'b@example.org' }, 3),
        row({ latin_name: 'C', email: 'B@Example.org' }, 4),
      ],
      new Set(),
    )
    expect(verdicts.map((v) => v.status)).toEqual(['invalid', 'valid', 'invalid'])
    expect(verdicts[0]?.status === 'invalid' && verdicts[0].errors.email).toEqual({ key: 'validation.email' })
    expect(verdicts[2]?.status === 'invalid' && verdicts[2].errors.email).toEqual({
      key: 'people.errors.duplicateInFile',
      values: { row: 3 },
    })
  })

  it('marks a person already in the directory (email, any case) as a duplicate', () => {
    const [verdict] = validateRows([row({ latin_name: 'A', email: 'Sato@Example.JP' })], new Set(['sato@example.jp']))
    expect(verdict?.status).toBe('duplicate')
  })

  it('accepts emoji and right-to-left names as names, refuses control characters', () => {
    const verdicts = validateRows(
      [
        row({ family_name: '佐藤🌸', given_name: 'ケン', email: 'a@example.org' }, 2),
        row({ latin_name: 'محمد العلي', email: 'b@example.org' }, 3),
        row({ latin_name: 'Bad\u0007Name', email: 'c@example.org' }, 4),
        row({ family_name: 'Two\nLines', email: 'd@example.org' }, 5),
      ],
      new Set(),
    )
    expect(verdicts.map((v) => v.status)).toEqual(['valid', 'valid', 'invalid', 'invalid'])
    expect(verdicts[2]?.status === 'invalid' && verdicts[2].errors.latin_name?.key).toBe(
      'people.errors.controlCharacters',
    )
  })

  it('keeps phones as typed, in any format, up to 40 characters', () => {
    const [ok, long] = validateRows(
      [
        row({ latin_name: 'A', email: 'a@example.org', phone: ' +86 (535) 123-4567 ext. 8 ' }, 2),
        row({ latin_name: 'B', email: 'b@example.org', phone: '1'.repeat(41) }, 3),
      ],
      new Set(),
    )
    expect(ok?.status === 'valid' && ok.person.phone).toBe(' +86 (535) 123-4567 ext. 8 '.trim())
    expect(long?.status === 'invalid' && long.errors.phone).toEqual({ key: 'validation.tooLong', values: { max: 40 } })
  })

  it('requires a family name or a Latin name, and an email', () => {
    const [verdict] = validateRows([row({ given_name: '娜' })], new Set())
    expect(verdict?.status === 'invalid' && verdict.errors).toEqual({
      family_name: { key: 'people.errors.nameRequired' },
      email: { key: 'validation.required' },
    })
  })

  it('reads languages and VIP flags in three languages', () => {
    expect(['zh', '中文', 'English', 'EN', '日本語', 'ja', ''].map(parseLanguage)).toEqual([
      'zh',
      'zh',
      'en',
      'en',
      'ja',
      'ja',
      null,
    ])
    expect(parseLanguage('klingon')).toBe('invalid')
    expect(['yes', 'No', '1', '0', '是', '否', 'はい', 'いいえ', ''].map(parseVip)).toEqual([
      1,
      0,
      1,
      0,
      1,
      0,
      1,
      0,
      null,
    ])
    expect(parseVip('maybe')).toBe('invalid')
    const [verdict] = validateRows(
      [row({ latin_name: 'A', email: 'a@example.org', vip: 'maybe', country: 'CHN' })],
      new Set(),
    )
    expect(verdict?.status === 'invalid' && verdict.errors).toEqual({
      vip: { key: 'people.errors.vip' },
      country: { key: 'people.errors.country', values: { value: 'CHN' } },
    })
  })

  it('reads a country by its name in Chinese, English or Japanese, or its code', () => {
    const countries = [
      '日本',
      'Japan',
      '中国',
      '日本国',
      'jp',
      'ＪＰ',
      '美国',
      'United States',
      'アメリカ合衆国',
      '德国',
      'UK',
      '香港',
    ]
    const verdicts = validateRows(
      countries.map((country, i) => row({ latin_name: 'A', email: `c${i}@example.org`, country })),
      new Set(),
    )
    expect(verdicts.map((v) => (v.status === 'valid' ? v.person.country : v.status))).toEqual([
      'JP',
      'JP',
      'CN',
      'JP',
      'JP',
      'JP',
      'US',
      'US',
      'US',
      'DE',
      'GB',
      'HK',
    ])
    // no country, a retired code, a private-use code: refused, naming what was written
    for (const country of ['Narnia', 'DD', 'ZZ', 'EU']) {
      const [verdict] = validateRows([row({ latin_name: 'A', email: 'n@example.org', country })], new Set())
      expect(verdict?.status === 'invalid' && verdict.errors.country).toEqual({
        key: 'people.errors.country',
        values: { value: country },
      })
    }
  })
})

describe('exporting', () => {
  const person = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])) as Record<
    (typeof IMPORT_COLUMNS)[number],
    string
  >

  it('writes CSV with a UTF-8 BOM and neutralizes formulas', () => {
    const csv = toCsv([
      { ...person, family_name: '=cmd()', given_name: '@SUM(A1)', latin_name: '-2+3', email: 'a@example.org' },
      { ...person, family_name: '佐藤', phone: '+86 535 1234', email: 'b@example.org' },
    ])
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv).toContain(`"'=cmd()"`)
    expect(csv).toContain(`"'@SUM(A1)"`)
    expect(csv).toContain(`"'-2+3"`)
    expect(csv).not.toMatch(/(^|,)=cmd/m)
  })

  it('round-trips: an exported CSV reads back with the same cells', async () => {
    const original = {
      ...person,
      family_name: '=cmd()',
      latin_name: 'SATO Kenichi',
      email: 'a@example.org',
      phone: '+81 3',
    }
    const file = await rowsOf(utf8(toCsv([original])))
    expect(file.rows[0]?.cells).toMatchObject({ family_name: '=cmd()', phone: '+81 3', latin_name: 'SATO Kenichi' })
  })
})

describe('search patterns', () => {
  it('escapes LIKE wildcards and lower-cases', () => {
    expect(likePattern('50%_Off\\')).toBe('%50\\%\\_off\\\\%')
  })
})

describe('reading a body with a cap', () => {
  const stream = (chunks: number[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const size of chunks) controller.enqueue(new Uint8Array(size))
        controller.close()
      },
    })

  it('stops reading once the body passes the cap', async () => {
    expect(await readCapped(stream([10, 10]), 20)).toHaveLength(20)
    expect(await readCapped(stream([10, 10, 1]), 20)).toBeNull()
  })

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const request = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-length': '999999999', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    })
    expect(await readFormCapped(request, 1000)).toEqual({ ok: false, reason: 'too_large' })
  })
})
