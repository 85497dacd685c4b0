import type { Shape } from '../messages'
import type en from './en.bulk-send'

// 批量发送前确认（issue 19）：发给谁、各语言邮件预览、测试发送、一次确认、发送进度。
const bulkSend: Shape<typeof en> = {
  title: { send: '发送邀请函', remind: '发送提醒' },
  intro: {
    send: '请核对收件人和各语言邮件内容，可先发一封测试邮件给自己，确认后一次发送。',
    remind: '请核对收件人和各语言提醒内容，可先发一封测试邮件给自己，确认后一次发送。',
  },
  filter: {
    all: '本活动的全部受邀人',
    q: '与“{{q}}”匹配的邀请',
    status: '状态为“{{status}}”的邀请',
    both: '与“{{q}}”匹配且状态为“{{status}}”的邀请',
  },
  who: {
    title: '收件人',
    recipients: {
      send: '将向 {{count}} 人发送邀请函。',
      remind: '将向 {{count}} 人发送提醒。',
    },
    filter: '范围：{{filter}}（共 {{count}} 条）。',
    noEmail: '{{count}} 人没有电子邮箱，不会收到邮件：请在名录中补充。',
    skipped: {
      send: '{{count}} 条邀请已发送或已答复，不再发送。',
      remind: '{{count}} 条邀请不在等待答复状态（尚未发送或已答复），不发送提醒。',
    },
    language: '{{language}}：{{count}} 人',
  },
  preview: {
    title: '{{language}}邮件（{{count}} 人）',
    note: '与收件人收到的邮件相同；预览中的按钮链接到活动页面，而非个人专属链接。',
    frameTitle: '{{language}}邮件预览',
    test: '发送测试邮件给我',
  },
  testQueued: '测试邮件正在发往 {{email}}，不会改变任何邀请的状态。',
  confirm: {
    title: '确认发送',
    nobody: '此名单中没有需要发送的人。',
    submit: {
      send: '发送 {{count}} 封邀请函',
      remind: '发送 {{count}} 条提醒',
    },
    sending: '正在发送…',
    cancel: '返回邀请列表',
  },
  progress: {
    title: '邮件发送进度',
    intro: {
      send: '发给{{filter}}的邀请函，确认于 {{at}}。',
      remind: '发给{{filter}}的提醒，确认于 {{at}}。',
    },
    heading: '已处理 {{done}} / {{total}}',
    pending: '排队中',
    sent: '已发送',
    failed: '发送失败',
    live: '邮件排队期间，本页会自动更新。',
    finished: '本次发送的邮件已全部处理。',
    outbox: '在发件箱中查看每封邮件',
  },
  errors: {
    noSample: '此预览已过期，请刷新页面后重试。',
    stale: '此确认已过期，请刷新页面后重新确认。',
    nothing: '此名单中已没有需要发送的人，未发送任何邮件。',
  },
}

export default bulkSend
