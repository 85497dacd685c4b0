import type { Shape } from '../messages'
import type en from './en.checkin'

// 受付（チェックイン）：受付端末、スキャナー画面、端末 API のエラーと判定
const checkin: Shape<typeof en> = {
  api: {
    unauthorized:
      'ログインするか、端末トークンを送信してください：Authorization: Device <token>。無効化された端末は再登録が必要です。',
    badJson: 'リクエスト本文が正しい JSON ではありません。',
    badField: '項目「{{field}}」がないか、正しくありません。',
    extraField: '項目「{{field}}」はこのリクエストでは使えません。',
    unknown_session: 'そのセッションはありません。',
    forbidden_session: 'この端末はこのセッションの受付ができません。',
    forbidden: 'このイベントの受付を行う権限がありません。',
    notFound: 'API にそのアドレスはありません。',
    eventRequired: 'イベントを指定してください：?event=<slug>。',
  },
  reasons: {
    unknown_code: '無効なコード',
    already_checked_in: '受付済み',
    not_registered_for_session: 'このセッションには未登録',
    cancelled: '登録取消済み',
    revoked: '旧参加証（再発行済み）',
    wrong_event: '別のイベントの参加証',
  },
  undo: {
    not_found: 'この端末によるそのスキャンはありません。',
    not_admitted: 'そのスキャンでは入場していません。',
    already_undone: 'そのスキャンは取り消し済みです。',
    too_late: 'スキャンの取り消しは10分以内に限ります。',
  },
  devices: {
    title: '受付端末',
    intro:
      '入口やバスごとに端末を用意します。スタッフのスマートフォンでQRコードを一度読み取るだけで登録できます。セッションを限定することもできます。無効化すると、次のスキャンから拒否されます。',
    create: '端末を追加',
    name: '名称',
    nameHint: '使う場所。例：「第1ホール北口」「2号車」',
    sessions: '受付できるセッション',
    sessionsHint: '何も選ばなければ、イベントの全セッションです。',
    allSessions: '全セッション',
    submit: '端末を作成',
    created:
      '端末「{{name}}」を作成しました。今すぐスタッフのスマートフォンでこのQRコードを読み取ってください。表示は一度だけです。',
    enrollLink: 'またはスマートフォンでこのアドレスを開いてください：',
    enrollExpires: 'このQRコードは一度だけ、{{at}}まで使えます。',
    empty: '端末はまだありません。',
    table: {
      caption: 'このイベントの受付端末',
      name: '名称',
      sessions: 'セッション',
      state: '状態',
      lastSeen: '最終利用',
      actions: '操作',
    },
    states: {
      pending: '登録待ち',
      enrolled: '登録済み',
      revoked: '無効',
    },
    never: 'なし',
    rename: '名称変更',
    renameLabel: '{{name}}の新しい名称',
    save: '保存',
    renamed: '端末の名称を「{{name}}」に変更しました。',
    newQr: '登録用QRコードを再発行',
    newQrDone: '「{{name}}」の新しいQRコードです。以前登録したスマートフォンは使えなくなります。表示は一度だけです。',
    revoke: '無効化',
    revokeFor: '{{name}}を無効化',
    revokeConfirm: '「{{name}}」を無効化しますか。次のスキャンから拒否され、新しい端末として再登録が必要になります。',
    revokeYes: '無効化する',
    revokeNo: 'やめる',
    revoked: '端末「{{name}}」を無効化しました。',
    notFound: 'その端末はありません。',
    errors: {
      name_required: '端末の名称を入力してください。',
      name_too_long: '名称が長すぎます（80文字以内）。',
      unknown_session: 'このイベントのセッションのみ選べます。',
    },
    scanSelf: 'このブラウザで受付する（ログイン中のため端末登録は不要）',
  },
  enroll: {
    title: 'このスマートフォンを受付端末として登録',
    body: 'このスマートフォンでイベントの受付を行います。端末トークンはこのスマートフォンにのみ保存されます。',
    submit: 'このスマートフォンを登録',
    invalid: 'この登録用QRコードは無効、使用済み、または期限切れです。主催者に新しいQRコードを依頼してください。',
    missing: '主催者が表示する登録用QRコードを読み取って、このページを開いてください。',
    done: '「{{name}}」として登録しました。',
  },
}

export default checkin
