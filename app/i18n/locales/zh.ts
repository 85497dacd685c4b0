import type { Messages } from '../messages'

const zh: Messages = {
  app: {
    name: 'Signet',
    tagline: '招商引资活动平台',
    skipToContent: '跳到正文',
    language: '语言',
    mainNavigation: '主导航',
  },
  languages: { zh: '中文', en: 'English', ja: '日本語' },
  nav: { events: '活动', signIn: '登录', signOut: '退出登录', signedInAs: '当前用户：{{name}}' },
  login: {
    title: '登录 Signet',
    intro: '供投资促进局的组织者和工作人员使用。',
    email: '电子邮箱',
    password: '密码',
    submit: '登录',
    signedOut: '您已退出登录。',
    sessionExpired: '您的登录已失效，请重新登录。',
  },
  validation: {
    passwordTooShort: '密码至少需要 12 个字符。',
    required: '此项为必填项。',
    email: '请输入有效的电子邮箱地址，例如 name@example.com。',
    tooLong: '内容过长（最多 {{max}} 个字符）。',
  },
  auth: {
    invalid_credentials: '电子邮箱或密码不正确。',
    rate_limited: '登录尝试次数过多，请在 {{seconds}} 秒后重试。',
    disabled: '此账户已被停用，请联系管理员。',
  },
  errors: {
    title: '出错了',
    cross_site: '此请求来自其他网站，已被拒绝，未做任何更改。',
    forbidden: '您无权访问此页面。',
    not_found: '页面不存在。',
    server: '发生意外错误。您输入的内容没有丢失，请重试。',
    backHome: '返回首页',
  },
  events: {
    title: '活动',
    empty: '暂无活动。',
    dates: '日期',
    timezone: '时区',
    venue: '地点',
    status: '状态',
    registration: '报名方式',
    languages: '提供的语言',
    hosts: '主办、承办与协办单位',
    titlesInAllLanguages: '各语言标题',
    overview: '概览',
    statuses: { draft: '草稿', published: '已发布', archived: '已归档' },
    registrationModes: { invite_only: '仅限邀请', open: '公开报名', approval: '公开报名（需审核）' },
    hostRoles: { host: '主办单位', organizer: '承办单位', co_organizer: '协办单位' },
  },
}

export default zh
