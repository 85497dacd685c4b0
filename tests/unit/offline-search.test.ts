/**
 * The scanner's search by name with the network down (issue 16): the phone's roster, folded as
 * the server folds (foldForSearch), so a delegate stored in hiragana is found by katakana,
 * half-width katakana, spaces and case, as at the server.
 */
import { describe, expect, it } from 'vitest'
import type { Attendee } from '../../app/checkin/door-answers'
import { type RosterEntry, type StoredRoster, searchRoster } from '../../app/scanner/offline'

describe('the scanner’s search of its own roster, offline', () => {
  const entry = (id: string, attendee: Partial<Attendee>): RosterEntry => ({
    ticketHash: `hash-${id}`,
    registrationId: id,
    seat: 'confirmed',
    checkedInAt: null,
    attendee: { name: '', latinName: '', kana: null, organization: '', title: '', vip: false, notes: [], ...attendee },
  })
  const roster: StoredRoster = {
    sessionId: 's',
    etag: null,
    fetchedAt: '2026-12-03T00:00:00.000Z',
    session: { eventId: 'e', openToAll: false, vipOnly: false },
    window: { startsAt: '2026-12-03T01:00:00.000Z', endsAt: '2026-12-03T02:00:00.000Z', opensMinutes: 120 },
    refused: {},
    revoked: [],
    entries: Object.fromEntries(
      [
        entry('suzuki', {
          name: 'すずき花子',
          latinName: 'SUZUKI Hanako',
          kana: 'すずき はなこ',
          organization: '鈴木商事',
        }),
        entry('sato', {
          name: '佐藤健一',
          latinName: 'SATO Kenichi',
          kana: 'さとう けんいち',
          organization: 'テスト株式会社',
        }),
        entry('li', { name: '李娜', latinName: 'LI Na', organization: '烟台港集团' }),
      ].map((e) => [e.ticketHash, e]),
    ),
  }
  const found = (q: string) => searchRoster(roster, q).map((e) => e.registrationId)

  it('finds a delegate stored in hiragana by katakana, half-width katakana, spaces and case', () => {
    for (const q of ['スズキ', 'ｽｽﾞｷ', 'すずき　はな', 'ＳＵＺＵＫＩ', 'suzuki hanako', 'スズキ ハナコ']) {
      expect(found(q), q).toEqual(['suzuki'])
    }
  })

  it('finds by native name with or without a space, Latin name and organization in any script', () => {
    expect(found('佐藤 健一')).toEqual(['sato'])
    expect(found('てすと')).toEqual(['sato'])
    expect(found('烟台港')).toEqual(['li'])
    expect(found('li na')).toEqual(['li'])
  })

  it('finds no one for an empty query or without a roster', () => {
    expect(found('  ')).toEqual([])
    expect(searchRoster(null, 'スズキ')).toEqual([])
  })
})
