/**
 * The import's columns, header names and choices: plain data, shared by the import rules and the
 * upload page (no parser here, so the page's browser bundle stays small).
 */
/** Largest upload accepted, in bytes (50 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
/** Most data rows in one file. */
export const MAX_IMPORT_ROWS = 50_000
/**
 * Most columns a file may use: the import has a dozen, so a cell past this one (an XLSX cell at
 * column XFD, a CSV value in field 65) is refused before the parser builds the columns in between.
 */
export const MAX_IMPORT_COLUMNS = 64

export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number]

export const ON_DUPLICATE = ['skip', 'update'] as const
export type OnDuplicate = (typeof ON_DUPLICATE)[number]

/** The columns of an import and of an export, in this order. */
export const IMPORT_COLUMNS = [
  'organization',
  'country',
  'family_name',
  'given_name',
  'latin_name',
  'kana',
  'title',
  'email',
  'phone',
  'preferred_language',
  'vip',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** Header names accepted for each column, in English, Chinese and Japanese (compared after normalizeHeader). */
export const COLUMN_ALIASES: Record<ImportColumn, readonly string[]> = {
  organization: ['organization', 'organisation', 'company', '单位', '组织', '公司', '企业', '組織', '会社', '所属'],
  country: ['country', '国家', '国家/地区', '国', '国・地域'],
  family_name: ['family_name', 'family name', 'surname', 'last_name', '姓', '氏'],
  given_name: ['given_name', 'given name', 'first_name', '名'],
  latin_name: ['latin_name', 'latin name', 'name (latin)', '英文名', '拼音', '拼音/英文名', 'ローマ字', 'ローマ字氏名'],
  kana: ['kana', '假名', '假名读音', 'かな', 'ふりがな', 'フリガナ', 'よみがな'],
  title: ['title', 'job title', 'position', '职务', '职位', '役職'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮件', '电子邮箱', 'メール', 'メールアドレス'],
  phone: ['phone', 'mobile', 'tel', '电话', '手机', '電話', '電話番号', '携帯'],
  preferred_language: ['preferred_language', 'language', '语言', '首选语言', '言語', '希望言語'],
  vip: ['vip', '贵宾', '要人'],
}

/**
 * The headers of the import template (/people/import/template.xlsx) in each language: one of
 * each column's accepted names above, so the template imports as it is.
 */
export const TEMPLATE_HEADERS: Record<'zh' | 'en' | 'ja', Record<ImportColumn, string>> = {
  zh: {
    organization: '单位',
    country: '国家',
    family_name: '姓',
    given_name: '名',
    latin_name: '拼音/英文名',
    kana: '假名',
    title: '职务',
    email: '邮箱',
    phone: '电话',
    preferred_language: '语言',
    vip: '贵宾',
  },
  en: {
    organization: 'organization',
    country: 'country',
    family_name: 'family_name',
    given_name: 'given_name',
    latin_name: 'latin_name',
    kana: 'kana',
    title: 'title',
    email: 'email',
    phone: 'phone',
    preferred_language: 'preferred_language',
    vip: 'vip',
  },
  ja: {
    organization: '組織',
    country: '国・地域',
    family_name: '姓',
    given_name: '名',
    latin_name: 'ローマ字氏名',
    kana: 'ふりがな',
    title: '役職',
    email: 'メールアドレス',
    phone: '電話番号',
    preferred_language: '言語',
    vip: '要人',
  },
}

/**
 * Header names of the optional `sessions` column: the sessions a person is invited to. Read only
 * when the import also invites to an event (session-column.ts); otherwise listed as ignored.
 */
export const SESSIONS_ALIASES: readonly string[] = [
  'sessions',
  'invited_sessions',
  '邀请议程',
  '议程',
  '招待セッション',
  'セッション',
]

export function isImportEncoding(value: unknown): value is ImportEncoding {
  return typeof value === 'string' && (IMPORT_ENCODINGS as readonly string[]).includes(value)
}

export function isOnDuplicate(value: unknown): value is OnDuplicate {
  return typeof value === 'string' && (ON_DUPLICATE as readonly string[]).includes(value)
}
