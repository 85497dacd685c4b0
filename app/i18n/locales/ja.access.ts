import type { Shape } from '../messages'
import type en from './en.access'

// チームとアクセス権（issue 15）。en.access.ts とキーは完全に同じ。
const access: Shape<typeof en> = {
  team: {
    nav: 'チーム',
    title: 'チーム',
    intro:
      'このイベントに携わるメンバーと、それぞれに許可されている操作です。管理者はすべてのイベントですべての操作ができます。',
    roles: {
      organizer: { name: '主催担当', hint: 'イベントを一緒に運営します。' },
      checkin: { name: '受付スタッフ', hint: '入口でチケットを読み取ります。ログインするとスキャナーが開きます。' },
      viewer: { name: '閲覧者', hint: '出席状況を確認する部門長など、イベントの状況を見守ります。' },
    },
    whatRolesMay: '役割ごとの権限',
    capability: '権限',
    capabilities: {
      event: {
        view: 'イベント、セッション、招待、登録、リアルタイムの出席状況を見て、書き出す',
        edit: 'イベントとセッションの変更、代表者の招待、登録の処理、式次第の作成、名札の印刷、受付端末の管理',
      },
      checkin: { scan: '入口でスキャナーを使ってチケットを読み取る' },
      team: { manage: 'このチームにメンバーを追加し、役割を変え、外す' },
      mail: { read: 'このイベントについて送られたメールを送信トレイで読む' },
    },
    allowed: 'はい',
    notAllowed: 'いいえ',
    members: 'メンバー',
    empty: 'このチームにはまだ誰もいません。',
    columns: { person: 'メンバー', role: '役割', status: '状態', lastLogin: '最終ログイン', actions: '操作' },
    add: {
      title: 'メンバーを追加',
      email: 'メールアドレス',
      role: '役割',
      name: '氏名（新しいアカウントの場合）',
      nameHint:
        'このメールアドレスにまだアカウントがない場合にのみ使います。本人にパスワード設定用のメールが届きます。',
      language: '招待メールの言語',
      submit: 'チームに追加',
    },
    changeRole: '役割を変更',
    newRole: '{{name}} の新しい役割',
    remove: '外す',
    removeLabel: '{{name}} をチームから外す',
    openScanner: 'スキャナーを開く',
    you: '（あなた）',
    done: {
      added: '{{email}} を{{role}}として追加しました。',
      invited: '{{email}} にはアカウントがなかったため、役割「{{role}}」付きでパスワード設定の招待メールを送りました。',
      changed: '{{email}} の役割を{{role}}に変更しました。',
      removed: '{{email}} をチームから外しました。',
    },
    errors: {
      already_member: 'この方はすでに{{role}}としてチームにいます。一覧で役割を変更してください。',
      not_member: 'この方はもうチームにいません。何も変更していません。ページを再読み込みしてください。',
      last_organizer:
        'イベントには主催担当が少なくとも 1 人必要です。先に別の方を主催担当にしてください。何も変更していません。',
    },
  },
  accounts: {
    timesIn: '時刻はすべて{{zone}}です。',
    nav: 'ユーザー',
    title: 'ユーザー',
    intro:
      'Signet にログインできる全員と、そのイベントと役割です。イベントでの役割は各イベントの「チーム」ページで設定します。',
    search: '氏名またはメールアドレス',
    searchSubmit: '検索',
    showing: '{{total}} 件中 {{shown}} 件を表示',
    columns: {
      person: 'ユーザー',
      events: 'イベントと役割',
      lastLogin: '最終ログイン',
      status: '状態',
      actions: '操作',
    },
    statuses: { active: '有効', invited: '招待済み（パスワード未設定）', disabled: '無効' },
    never: 'なし',
    admin: '管理者',
    noEvents: 'イベントなし',
    invite: {
      title: '同僚を招待',
      intro:
        '本人の言語で、パスワードを自分で設定するためのリンク（1 回限り、7 日間有効）がメールで届きます。ほかの誰もそのパスワードを入力したり見たりすることはありません。',
      email: 'メールアドレス',
      name: '氏名',
      language: '言語',
      isAdmin: '管理者：すべてのイベントですべての操作ができる',
      submit: '招待を送る',
    },
    actions: {
      disable: '無効にする',
      enable: '有効にする',
      makeAdmin: '管理者にする',
      unmakeAdmin: '管理者から外す',
      resend: '招待を再送する',
    },
    actionLabel: '{{action}}：{{name}}',
    done: {
      invited: '{{email}} に招待を送りました。',
      disabled: '{{email}} を無効にし、{{count}} 件のセッションを終了しました。',
      enabled: '{{email}} は再びログインできます。',
      adminGranted: '{{email}} を管理者にしました。',
      adminRevoked: '{{email}} を管理者から外しました。',
    },
    errors: {
      exists:
        'このメールアドレスにはすでにアカウントがあります。一覧で探し、各イベントの「チーム」ページで役割を設定してください。',
      last_admin:
        'Signet には有効な管理者が常に 1 人以上必要です。先に別の方を管理者にしてください。何も変更していません。',
      self: 'ご自身のアカウントは無効にできません。何も変更していません。',
      not_found: 'このアカウントは存在しません。何も変更していません。ページを再読み込みしてください。',
    },
  },
  account: {
    nav: 'マイアカウント',
    title: 'マイアカウント',
    profile: {
      title: '氏名と言語',
      name: '氏名',
      language: '言語',
      languageHint: 'Signet からのメールと、このブラウザーでのページの表示に使われます。',
      submit: '保存',
      saved: '氏名と言語を保存しました。',
    },
    password: {
      title: 'パスワード',
      current: '現在のパスワード',
      next: '新しいパスワード',
      nextHint: '12 文字以上。複数の単語からなるフレーズがおすすめです。よく使われるパスワードは使えません。',
      confirm: '新しいパスワード（確認）',
      submit: 'パスワードを変更',
      changed: 'パスワードを変更し、ほかの {{count}} 件のセッションを終了しました。',
      tooMany: '試行回数が多すぎます。{{minutes}} 分後にもう一度お試しください。',
      wrongCurrent: '現在のパスワードが正しくありません。',
    },
    sessions: {
      title: 'ログイン中の端末',
      intro:
        '使わなくなった、または心当たりのないブラウザーはログアウトしてください。セッションは 7 日で自動的に終了します。',
      device: 'ブラウザー',
      address: 'アドレス',
      signedIn: 'ログイン日時',
      lastUsed: '最終利用',
      current: 'このブラウザー',
      end: 'ログアウト',
      endLabel: '{{device}} のセッション（最終利用 {{when}}）をログアウト',
      endOthers: 'ほかのすべての端末からログアウト',
      ended: '{{count}} 件のセッションを終了しました。',
      noOthers: 'ほかの端末ではログインしていません。',
    },
  },
  password: {
    inviteTitle: 'パスワードの設定',
    resetTitle: '新しいパスワードの設定',
    intro: 'Signet アカウント {{email}}',
    next: '新しいパスワード',
    confirm: '新しいパスワード（確認）',
    submit: 'パスワードを保存',
    problems: {
      unknown: 'このリンクは無効です。アドレス全体がコピーされているか確認するか、新しいリンクをお求めください。',
      used: 'このリンクはすでに使われています。ログインするか、新しいリンクをお求めください。',
      expired: 'このリンクは有効期限が切れています。新しいリンクをお求めください。',
    },
    askAgain: '新しいリンクを受け取る',
    forgot: {
      link: 'パスワードをお忘れですか？',
      title: 'パスワードの再設定',
      intro:
        'Signet アカウントのメールアドレスを入力してください。新しいパスワードを設定するためのリンクをお送りします。',
      email: 'メールアドレス',
      submit: 'リンクを送る',
      sent: '{{email}} に Signet アカウントがあれば、新しいパスワードを設定するためのリンクをお送りしました。リンクは 1 回限り、1 時間有効です。届かない場合は迷惑メールフォルダーもご確認ください。',
      rateLimited: 'リンクの請求が多すぎます。{{minutes}} 分後にもう一度お試しください。',
    },
    done: {
      invite: 'パスワードを設定しました。ログインして続けてください。',
      reset:
        'パスワードを変更し、このアカウントのすべてのセッションを終了しました。新しいパスワードでログインしてください。',
    },
  },
}

export default access
