import type { Shape } from '../messages'
import type en from './en.public'

const pub: Shape<typeof en> = {
  eyebrow: 'ご来賓向けプログラム',
  programme: 'プログラム',
  programmeSoon: 'プログラムは近日こちらに掲載いたします。',
  about: 'イベント概要',
  address: '所在地',
  timeZoneNote: '時刻はすべて{{zoneName}}（{{timeZone}}、{{offset}}）で表示しています。',
  addAllToCalendar: '全プログラムをカレンダーに追加',
  calendarHint: 'Apple カレンダー、Google カレンダー、Outlook 用の .ics ファイルです。',
  addToCalendar: 'カレンダーに追加',
  calendar: {
    field: '{{label}}：{{value}}',
    list: '、',
    location: '{{venue}} {{room}}',
    localTime: '{{time}}（{{zoneName}}）',
    details: 'プログラムの詳細と最新情報：{{url}}',
  },
  contact: { title: '主催者への連絡先', name: '担当', phone: '電話', email: 'メール', wechat: 'WeChat' },
}

export default pub
