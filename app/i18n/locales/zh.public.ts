import type { Shape } from '../messages'
import type en from './en.public'

const pub: Shape<typeof en> = {
  eyebrow: '嘉宾日程',
  programme: '活动日程',
  programmeSoon: '日程即将在此公布。',
  about: '活动简介',
  address: '地址',
  timeZoneNote: '以下时间均为{{zoneName}}（{{timeZone}}，{{offset}}）。',
  addAllToCalendar: '将全部日程添加到我的日历',
  calendarHint: '.ics 日历文件，适用于苹果日历、Google 日历和 Outlook。',
  addToCalendar: '添加到日历',
  calendar: {
    field: '{{label}}：{{value}}',
    list: '、',
    location: '{{venue}} {{room}}',
    localTime: '{{time}}（{{zoneName}}）',
    details: '日程详情与最新信息：{{url}}',
  },
  contact: { title: '联系主办方', name: '联系人', phone: '电话', email: '邮箱', wechat: '微信' },
}

export default pub
