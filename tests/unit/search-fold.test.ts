/**
 * Search folds what a user cannot see (issue 16): foldForSearch, the one fold of the stored
 * search text and of the query, on the server and in the scanner. Kana and katakana, half- and
 * full-width forms, case and spaces fold; Latin, digits, kanji and hanzi stay as they are.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toKatakana } from 'wanakana'
import {
  foldForSearch,
  organizationSearchText,
  personSearchText,
  registrationSearchText,
} from '../../app/people/search'

describe('foldForSearch', () => {
  it('folds katakana, half-width katakana and hiragana to one form', () => {
    expect(foldForSearch('スズキ')).toBe('すずき')
    expect(foldForSearch('ｽｽﾞｷ')).toBe('すずき')
    expect(foldForSearch('すずき')).toBe('すずき')
    expect(foldForSearch('ﾊﾟﾝﾀﾞ')).toBe('ぱんだ')
    expect(foldForSearch('キャッシュ')).toBe('きゃっしゅ')
    expect(foldForSearch('ヴァイオリン')).toBe('ゔぁいおりん')
  })

  it('keeps the prolonged sound mark in both scripts, and half-width ｰ becomes it', () => {
    expect(foldForSearch('ラーメン')).toBe('らーめん')
    expect(foldForSearch('らーめん')).toBe('らーめん')
    expect(foldForSearch('ﾗｰﾒﾝ')).toBe('らーめん')
    // A spelling the reader sees, not a script: サトー and さとう stay apart.
    expect(foldForSearch('サトー')).not.toBe(foldForSearch('さとう'))
  })

  it('folds full-width Latin and digits, and case', () => {
    expect(foldForSearch('ＳＡＴＯ Ｋｅｎｉｃｈｉ')).toBe('satokenichi')
    expect(foldForSearch('SATO Kenichi')).toBe('satokenichi')
    expect(foldForSearch('０９０－１２３４')).toBe('090-1234')
    expect(foldForSearch('Ｓato@Example.ORG')).toBe('sato@example.org')
  })

  it('removes spaces of every kind, the ideographic space included', () => {
    expect(foldForSearch('佐藤 健一')).toBe('佐藤健一')
    expect(foldForSearch('佐藤　健一')).toBe('佐藤健一')
    expect(foldForSearch(' すずき\tはなこ\n')).toBe('すずきはなこ')
    expect(foldForSearch('   ')).toBe('')
  })

  it('leaves hanzi, kanji, Latin letters with accents, digits and punctuation as they are', () => {
    for (const text of ['李娜', '烟台港集团', '佐藤健一', '株式会社', 'é', 'müller', '2026', 'a.b@c-d_e%f']) {
      expect(foldForSearch(text)).toBe(text.toLowerCase())
    }
    expect(foldForSearch('Müller')).toBe('müller')
    // Kanji in a mixed name stay, the katakana around them fold.
    expect(foldForSearch('テスト株式会社')).toBe('てすと株式会社')
  })

  it('folds compatibility forms NFKC knows (enclosed, ligatures)', () => {
    expect(foldForSearch('㈱テスト')).toBe('(株)てすと')
    expect(foldForSearch('ﬁne')).toBe('fine')
  })

  it('turns the katakana that have no hiragana letter into a letter and a voiced mark, never a stray code point', () => {
    expect(foldForSearch('ヷ')).toBe('わ\u3099')
    expect(foldForSearch('ワ\u3099')).toBe('わ\u3099')
    expect(foldForSearch('ヹ')).toBe('ゑ\u3099')
    for (const c of 'ヷヸヹヺ') expect(foldForSearch(c)).not.toMatch(/^[\u3097-\u309A]$/)
  })

  it('joins a voiced mark split from its letter by a space (a half-width ﾞ typed apart)', () => {
    expect(foldForSearch('ｶ ﾞ')).toBe('が')
  })
})

const kana = fc.string({ unit: fc.constantFrom(...'あいうえおかきくけこがぎぐげごさしすせそっゃゅょんぱぴぷぺぽー') })

describe('foldForSearch, for any text', () => {
  it('is idempotent: folding folded text changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s)),
      { numRuns: 5000 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s)),
      { numRuns: 5000 },
    )
  })

  it('has no whitespace and no upper case in what it returns', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const folded = foldForSearch(s)
        return !/\s/u.test(folded) && folded.toLowerCase() === folded
      }),
      { numRuns: 5000 },
    )
  })

  it('finds hiragana text by its katakana', () => {
    fc.assert(fc.property(kana, (h) => foldForSearch(toKatakana(h)) === foldForSearch(h)))
  })

  it('leaves no katakana, full- or half-width, in the fold of half-width katakana', () => {
    const halfWidth = fc.string({
      unit: fc.integer({ min: 0xff66, max: 0xff9f }).map((code) => String.fromCharCode(code)),
    })
    fc.assert(
      fc.property(halfWidth, (s) => {
        const folded = foldForSearch(s)
        return !/[\u30A1-\u30FA\uFF66-\uFF9D]/.test(folded) && folded === foldForSearch(s.normalize('NFKC'))
      }),
    )
  })

  it('folds a concatenation as the concatenation of the folds, for kana, Latin, CJK and spaces', () => {
    const unit = fc.constantFrom(...'あいスズキｽｽﾟabcXYZ 　佐藤李娜0１')
    fc.assert(
      fc.property(fc.string({ unit }), fc.string({ unit }), (a, b) => {
        // A half-width voiced mark at the start of b joins the end of a: keep b from starting with one.
        fc.pre(!/^[ﾞﾟ]/.test(b.trim()))
        return foldForSearch(a + b) === foldForSearch(a) + foldForSearch(b)
      }),
    )
  })

  it('finds a part of a text inside the fold of the whole, with any spaces and case around it', () => {
    const unit = fc.constantFrom(...'あいスズキabcXYZ 佐藤李娜0')
    fc.assert(
      fc.property(fc.string({ unit }), fc.string({ unit }), fc.string({ unit }), (a, b, c) =>
        foldForSearch(`${a} ${b.toUpperCase()} ${c}`).includes(foldForSearch(b)),
      ),
    )
  })
})

describe('the search text of a row', () => {
  it('holds a person’s name both ways, Latin name, kana and email, one part a line', () => {
    const text = personSearchText({
      family_name: '鈴木',
      given_name: '花子',
      latin_name: 'SUZUKI Hanako',
      kana: 'スズキ ハナコ',
      email: 'Hanako@Example.JP',
    })
    expect(text.split('\n')).toEqual(['鈴木花子', '花子鈴木', 'suzukihanako', 'すずきはなこ', 'hanako@example.jp'])
  })

  it('leaves out what is empty, and names an organization once when its names are the same', () => {
    expect(
      personSearchText({ family_name: '', given_name: '', latin_name: 'Jane SMITH', kana: null, email: null }),
    ).toBe('janesmith')
    expect(organizationSearchText({ name_zh: 'トヨタ', name_en: 'Toyota', name_ja: 'トヨタ' })).toBe('とよた\ntoyota')
  })

  it('holds what a registration’s form gave, its organization included', () => {
    const text = registrationSearchText({
      family_name: 'すずき',
      given_name: 'はなこ',
      latin_name: 'SUZUKI Hanako',
      kana: null,
      organization_name: 'ｽｽﾞｷ商事',
      email: 'h@example.jp',
    })
    expect(text).toContain('すずき商事')
    expect(text).toContain(foldForSearch('スズキ ハナコ'))
  })
})
