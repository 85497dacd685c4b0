import type { Shape } from '../messages'
import type en from './en.bulk-send'

// 一括送信の確認（issue 19）：宛先、言語ごとのメール、テスト送信、一度だけの確認、送信状況。
const bulkSend: Shape<typeof en> = {
  title: { send: '招待状を送信', remind: 'リマインダーを送信' },
  intro: {
    send: '宛先と各言語のメールを確認し、ご自身にテスト送信してから、一度だけ確定してください。',
    remind: '宛先と各言語のリマインダーを確認し、ご自身にテスト送信してから、一度だけ確定してください。',
  },
  filter: {
    all: 'このイベントの招待者全員',
    q: '「{{q}}」に一致する招待',
    status: 'ステータスが「{{status}}」の招待',
    both: '「{{q}}」に一致し、ステータスが「{{status}}」の招待',
  },
  who: {
    title: '宛先',
    recipients: {
      send: '{{count}} 名に招待状を送信します。',
      remind: '{{count}} 名にリマインダーを送信します。',
    },
    filter: '対象：{{filter}}（{{count}} 件）。',
    noEmail: '{{count}} 名はメールアドレスがなく、送信されません。名簿で追加してください。',
    skipped: {
      send: '{{count}} 件は送信済みまたは回答済みのため、送信しません。',
      remind: '{{count}} 件は回答待ちではない（未送信または回答済み）ため、送信しません。',
    },
    language: '{{language}}：{{count}} 名',
  },
  preview: {
    title: '{{language}}のメール（{{count}} 名）',
    note: '宛先の方が受け取るメールと同じです。プレビュー内のボタンは個人用リンクではなくイベントページに移動します。',
    frameTitle: '{{language}}のメールのプレビュー',
    test: '自分にテスト送信',
  },
  testQueued: '{{email}} にテストメールを送信しています。招待のステータスは変わりません。',
  confirm: {
    title: '確定',
    nobody: 'この一覧には送信対象の方がいません。',
    submit: {
      send: '招待状 {{count}} 通を送信',
      remind: 'リマインダー {{count}} 通を送信',
    },
    sending: '送信中…',
    cancel: '招待一覧に戻る',
  },
  progress: {
    title: 'メールの送信状況',
    intro: {
      send: '{{filter}}への招待状（{{at}} に確定）。',
      remind: '{{filter}}へのリマインダー（{{at}} に確定）。',
    },
    heading: '{{total}} 通中 {{done}} 通を処理済み',
    pending: '送信待ち',
    sent: '送信済み',
    failed: '失敗',
    live: '送信待ちのメールがある間、このページは自動で更新されます。',
    finished: 'この送信のメールはすべて処理されました。',
    outbox: '送信トレイで各メールを見る',
  },
  errors: {
    noSample: 'このプレビューは古くなっています。ページを再読み込みしてやり直してください。',
    stale: 'この確認は古くなっています。ページを再読み込みして、もう一度確定してください。',
    nothing: 'この一覧には送信対象の方がいなくなりました。何も送信していません。',
  },
}

export default bulkSend
