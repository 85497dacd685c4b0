import type { Messages } from '../messages'

const ja: Messages = {
  app: {
    name: 'Signet',
    tagline: '投資誘致イベントプラットフォーム',
    skipToContent: '本文へスキップ',
    language: '言語',
    mainNavigation: 'メインナビゲーション',
  },
  languages: { zh: '中文', en: 'English', ja: '日本語' },
  nav: { events: 'イベント', signIn: 'ログイン', signOut: 'ログアウト', signedInAs: '{{name}} でログイン中' },
  login: {
    title: 'Signet にログイン',
    intro: '投資促進局の主催者・スタッフ向けです。',
    email: 'メールアドレス',
    password: 'パスワード',
    submit: 'ログイン',
    signedOut: 'ログアウトしました。',
    sessionExpired: 'セッションが終了しました。もう一度ログインしてください。',
  },
  validation: {
    passwordTooShort: 'パスワードは12文字以上にしてください。',
    required: 'この項目は必須です。',
    email: '有効なメールアドレスを入力してください（例：name@example.com）。',
    tooLong: '長すぎます（最大 {{max}} 文字）。',
  },
  auth: {
    invalid_credentials: 'メールアドレスまたはパスワードが正しくありません。',
    rate_limited: 'ログインの試行回数が多すぎます。{{seconds}} 秒後にもう一度お試しください。',
    disabled: 'このアカウントは無効になっています。管理者にお問い合わせください。',
  },
  errors: {
    title: 'エラーが発生しました',
    cross_site: '他のサイトからのリクエストのため拒否しました。何も変更されていません。',
    forbidden: 'このページへのアクセス権がありません。',
    not_found: 'ページが見つかりません。',
    server: '予期しないエラーが発生しました。入力内容は失われていません。もう一度お試しください。',
    backHome: 'トップページへ戻る',
  },
  events: {
    title: 'イベント',
    empty: 'イベントはまだありません。',
    dates: '日程',
    timezone: 'タイムゾーン',
    venue: '会場',
    status: 'ステータス',
    registration: '参加登録',
    languages: '対応言語',
    hosts: '主催・運営・協力団体',
    titlesInAllLanguages: '各言語のタイトル',
    overview: '概要',
    statuses: { draft: '下書き', published: '公開中', archived: 'アーカイブ済み' },
    registrationModes: { invite_only: '招待制', open: '自由参加', approval: '自由参加（承認制）' },
    hostRoles: { host: '主催', organizer: '運営', co_organizer: '協力' },
  },
}

export default ja
