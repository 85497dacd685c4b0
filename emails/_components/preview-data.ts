// Example data for `npm run email:dev` only. The links use a reserved .invalid host so that the
// preview's link checker cannot reach anything.
import type { Itinerary, MailEvent, MailRecipient, Ticket } from './types'

export const PREVIEW_APP_URL = 'https://signet.example.invalid'

export const previewEvent: Record<'zh' | 'en' | 'ja', MailEvent> = {
  zh: {
    title: '2024日资企业烟台行',
    dates: '2026年12月22日至24日',
    venue: '烟台国际博览中心',
    address: '山东省烟台市莱山区银海路',
  },
  en: {
    title: '2024 Japanese Enterprises Yantai Tour',
    dates: '22–24 December 2026',
    venue: 'Yantai International Expo Center',
    address: 'Yinhai Road, Laishan District, Yantai, Shandong',
  },
  ja: {
    title: '2024 日系企業煙台視察ツアー',
    dates: '2026年12月22日～24日',
    venue: '煙台国際博覧センター',
    address: '山東省煙台市萊山区銀海路',
  },
}

export const previewRecipient: Record<'zh' | 'en' | 'ja', MailRecipient> = {
  zh: { name: '佐藤健一', organization: '株式会社サンプル商事' },
  en: { name: 'SATO Kenichi', organization: 'Sample Trading Co., Ltd.' },
  ja: { name: '佐藤 健一', organization: '株式会社サンプル商事' },
}

export const previewItinerary: Itinerary = {
  timeZone: '中国標準時（GMT+8）',
  days: [
    {
      label: '2026年12月22日火曜日',
      sessions: [
        {
          id: 's1',
          time: '09:00～10:30',
          title: '開幕式・調印式',
          place: '大ホール、煙台国際博覧センター',
          meeting: '',
          waitlisted: false,
        },
        {
          id: 's2',
          time: '14:00～16:30',
          title: '水素エネルギー産業フォーラム',
          place: '第2会議室',
          meeting: '',
          waitlisted: true,
        },
      ],
    },
    {
      label: '2026年12月23日水曜日',
      sessions: [
        {
          id: 's3',
          time: '08:30～12:00',
          title: '開発区企業視察（バス）',
          place: '',
          meeting: '集合：ホテルロビー（08:15）',
          waitlisted: false,
        },
      ],
    },
  ],
}

// The QR code of the example ticket code, as a data: URL (a sent mail uses cid:ticket@signet).
export const previewTicket: Ticket = {
  code: 'K7QM 3XPA 9RTE 2WHN 6BVC 4JDF SG',
  qrSrc:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAHQAAAB0CAYAAABUmhYnAAAAAklEQVR4AewaftIAAANcSURBVO3BQW4cQQwEwUpi/v/ltI48tdAYeW0RjMAvWWNU1iiVNUpljVJZo1TWKJU1SmWN8uQbQD5JTQfkRM2/BOST1JxU1iiVNUpljfLkkpqfBOREzQ0gJ2o6ICdqbqj5SUBuVNYolTVKZY3y5CUgN9TcAHJDzQmQTwJyQ80blTVKZY1SWaM8+c+pOQFyAqRTM1lljVJZo1TWKE9+GSCdmjeAnKj5TSprlMoapbJGefKSmr8JSKemA3KipgPySWo+qbJGqaxRKmuUJ5eA/M/UdEA6NR2QTk0HpFNzAuRfqqxRKmuUyhoFv+QXA/KGmg5Ip+Y3qaxRKmuUyhrlyTeAdGo6IJ2aG0BO1NxQ0wH5JCCdmhMgnZoOSKfmpLJGqaxRKmsU/JIXgNxQcwKkU9MB6dR0QDo1bwDp1HRAbqg5AdKpuVFZo1TWKJU1Cn7JBSA31HRATtTcANKpOQFyouYESKfmBMgNNR2QTs1JZY1SWaNU1ihPfpiaEzUnQE7UdGpuqOmA/E1qbgDp1NyorFEqa5TKGuXJN4C8AaRT0wF5A0in5gTICZBOzQ0gnZoOSKfmJ1XWKJU1SmWN8uQbajognZoOyA01N4D8S2puAOnUdEBOgHRqTiprlMoapbJGwS85AHJDTQfkhpoOyImaDkin5gaQG2o6IDfUdEA6NTcqa5TKGqWyRsEveQHIiZobQDo1PwlIp6YDcqKmA3Ki5pMqa5TKGqWyRnnyDSAnajogN4B0am4A+UlqOiAdkBtATtR0QDo1NyprlMoapbJGwS/5jwHp1HRAOjUdkE7NCZATNTeAdGpOgJyoOamsUSprlMoa5ck3gHySmhtqbgA5UdMBOQHSqfmXKmuUyhqlskZ5cknNTwJyouYEyA01HZAOyA01N4B0ak7U3KisUSprlMoa5clLQG6oeQPIiZoTICdqOiAdkDfUnKh5o7JGqaxRKmuUJ7+Mmg7IJ6m5AeQESKfmjcoapbJGqaxRnvzngHRqToB0ajo1J0A6NSdATtTcAHKi5qSyRqmsUSprlCcvqfmb1NxQcwKkU/OGmp+kpgNyo7JGqaxRKmuUJ5eAfBKQTs0JkE8CckNNp6YD8kZljVJZo1TWKPgla4zKGqWyRqmsUSprlMoapbJGqaxR/gA5fIjwl+VZ2wAAAABJRU5ErkJggg==',
}
