import type { Shape } from '../messages'
import type en from './en.people'

const people: Shape<typeof en> = {
  nav: '参加者名簿',
  title: '参加者名簿',
  intro: '参加者と所属組織を、イベントをまたいで管理します。',
  counts: '全 {{total}} 名中 {{matched}} 名',
  limited: '最初の {{limit}} 名を表示しています。ほかの方を見るには検索条件を絞り込んでください。',
  empty: '該当する方はいません。',
  emptyDirectory: '名簿は空です。まずリストをインポートしてください。',
  imported:
    'インポートを保存しました：新規 {{created}} 名、更新 {{updated}} 名、スキップ {{skipped}} 名、新しい組織 {{organizations}} 件。',
  actions: { import: 'リストをインポート', exportCsv: 'CSV でエクスポート', exportXlsx: 'XLSX でエクスポート' },
  search: {
    legend: '名簿を検索',
    q: '氏名、かな、メール、組織名',
    country: '国・地域',
    anyCountry: 'すべての国・地域',
    vip: 'VIP',
    anyVip: '全員',
    vipOnly: 'VIP のみ',
    notVip: 'VIP 以外',
    submit: '検索',
    clear: 'クリア',
  },
  table: {
    caption: '名簿の参加者',
    nativeName: '氏名',
    latinName: 'ローマ字氏名',
    organization: '組織',
    title: '役職',
    email: 'メール',
    language: '言語',
    vip: 'VIP',
  },
  columns: {
    organization: '組織名。既存の組織のいずれかの言語の名称と一致すれば同じ組織とみなし、なければ新しく作成します。',
    country:
      '新しく作成する組織の国・地域：中国語・英語・日本語の国名（日本、Japan、中国）または ISO の 2 文字コード（JP、CN、US など）。省略可、空欄は CN。既存の組織では無視します。',
    family_name: '母語表記の姓（佐藤、李など）。',
    given_name: '母語表記の名。',
    latin_name: 'ローマ字氏名（SATO Kenichi など）。姓かローマ字氏名のどちらかが必須です。',
    kana: '日本語の読みがな（さとう けんいち など）。',
    title: '役職。本人の希望言語の欄に保存します。',
    email: '必須で、重複不可：同じメールの方が名簿にいれば重複とみなします。',
    phone: '形式は自由、入力どおりに保存します（40 文字まで）。',
    preferred_language: 'zh、en、ja（中文、English、日本語 も可）。空欄の場合、日本は ja、中国は zh、それ以外は en。',
    vip: 'yes または no（1/0、是/否、はい/いいえ も可）。空欄は no。',
    sessions:
      'イベントへの招待も行う取り込みの場合のみ使用：招待するセッションを ; 、 , のいずれかで区切り、いずれかの言語のタイトル（または ID）で記入します。空欄は参加可能な全セッションへの招待です。不明なセッションがある行は無効になります。イベントを選ばない場合は無視されます。',
  },
  import: {
    title: '参加者リストのインポート',
    intro:
      '1 行に 1 名の CSV または XLSX ファイルをアップロードしてください。まず各行の判定結果を表示します。確定するまで何も保存されません。確定するとすべての行を保存します（一部に不備があれば何も保存しません）。不備のない行だけを保存し、残りを修正用の XLSX で受け取ることもできます。',
    file: 'ファイル',
    fileHint: 'CSV（UTF-8、BOM の有無は問いません。中国語版 Excel の GB18030 も可）または XLSX、50 MB まで。',
    encoding: 'CSV の文字コード',
    encodings: { auto: '自動判別', 'utf-8': 'UTF-8', gb18030: 'GB18030（中国語版 Excel）' },
    onDuplicate: 'メールがすでに名簿にある場合',
    onDuplicates: {
      skip: 'その行をスキップし、登録済みの情報を残す',
      update: 'その行の空欄でないセルで情報を更新する',
    },
    submit: 'プレビュー',
    columnsTitle: '列',
    columnsIntro:
      '1 行目に列名を英語・中国語・日本語のいずれかで書いてください。それ以外の列は無視します。必須：メール、および姓またはローマ字氏名。',
    column: '列',
    headerNames: '使える列名',
    meaning: '内容',
    previewTitle: '{{filename}} のプレビュー',
    format: '形式：{{format}}',
    encodingUsed: '文字コード：{{encoding}}',
    ignoredColumns: '無視した列：{{columns}}',
    countsTitle: '行数',
    total: 'ファイル内',
    statuses: { valid: '新規', duplicate: '名簿に登録済み', invalid: '不備あり' },
    row: '行',
    verdict: '判定',
    problems: '問題点',
    problem: '{{column}}：{{message}}',
    notTheirs: 'あなたが主催していないイベントの参加者です：この行はスキップのみできます。',
    shown: '全 {{total}} 行中 {{shown}} 行を表示：不備のある行をすべて、続いてほかの行の先頭部分。',
    fixFirst:
      '{{count}} 行に不備があります。すべての行に不備がなくなればすべて保存できます。先に不備のない行だけを保存し、残りを修正することもできます。',
    commit: 'すべての行を保存',
    commitValid: '不備のない {{count}} 行を保存し、不備のある {{invalid}} 行を除く',
    downloadProblems: '不備のある {{count}} 行をダウンロード（XLSX、理由付き）。修正して再度インポートできます',
    savedValidTitle: '不備のない行を保存しました',
    savedValid:
      '新規 {{created}} 名、更新 {{updated}} 名、名簿に既にいる {{skipped}} 名は変更なし。不備のある {{invalid}} 行は保存していません。',
    savedInvited: '招待の下書きを {{invited}} 件作成しました。',
    uploadAgain: '別のファイルをアップロード',
  },
  template: {
    download: 'インポート用テンプレート（XLSX）をダウンロード',
    listSheet: '名簿',
    exampleSheet: '記入例',
    languageHint: 'zh、en、ja のいずれか',
    vipHint: 'yes または no',
    example: { organization: '三菱商事株式会社', country: '日本', title: '部長' },
  },
  errors: {
    noFile: 'アップロードするファイルを選んでください。',
    tooLarge: 'ファイルが大きすぎます（{{max}} MB まで）。',
    empty: 'ファイルにインポートする行がありません。',
    binary: 'CSV でも XLSX でもないファイルです。リストを CSV または XLSX で保存してアップロードしてください。',
    utf16: 'このファイルは UTF-16（Excel の「Unicode テキスト」）です。「CSV UTF-8」で保存し直してください。',
    encoding:
      'ファイルが正しい {{encoding}} のテキストではありません。別の文字コードを選ぶか、「CSV UTF-8」で保存し直してください。',
    encodingUnknown:
      'ファイルの文字コードが UTF-8 でも GB18030 でもありません。「CSV UTF-8」で保存し直してから再度お試しください。',
    xlsxAsCsv:
      'このファイルは名前が .csv で終わる Excel ブック（XLSX）です。名前を .xlsx に変えるか、Excel で CSV として保存してください。',
    notXlsx: '名前は .xlsx で終わっていますが、Excel ブックではありません。',
    badXlsx: 'この Excel ブックを読み込めませんでした。Excel で開いて保存し直してから再度お試しください。',
    xlsxUnpacksTooLarge:
      'このブックは展開すると {{max}} MB を超え、参加者リストに必要な大きさをはるかに超えています。画像や他のシートを除いて保存し直すか、CSV で保存してください。',
    tooManyColumns:
      'ファイルが {{column}} 列（セル {{cell}}）まで使っています。インポートで読めるのは {{max}} 列までです。はみ出したセルを削除して保存し直してください。',
    tooComplex:
      'サーバーの時間とメモリの制限内でこのファイルを読み込めませんでした。CSV で保存し直すか、リストを分割してください。',
    malformedCsv: '{{row}} 行目付近の CSV の形式が正しくありません：引用符が閉じられていません。',
    missingColumns: '1 行目に次の列がありません：{{columns}}。',
    duplicateColumn: '列「{{column}}」が 2 回あります。',
    tooManyRows: '行が多すぎます（1 ファイル {{max}} 行まで）。リストを分割してください。',
    controlCharacters: '制御文字（改行やタブなど）が含まれています。削除してください。',
    nameRequired: '姓またはローマ字氏名を入力してください。',
    country:
      '「{{value}}」は国として認識できません。国名（日本、中国、Japan）または ISO の 2 文字コード（JP、CN）で入力してください。',
    language: 'zh、en、ja のいずれかにしてください。',
    vip: 'yes または no にしてください。',
    duplicateInFile: '同じメールがこのファイルの {{row}} 行目にすでにあります。',
    importGone: 'このアップロードは期限切れか、すでに保存済みです。もう一度ファイルをアップロードしてください。',
    notTheirs:
      '保存していません：{{rows}} 行目は、あなたが主催していないイベントの参加者を変更します。変更できるのは管理者か、その人が属するすべてのイベントの主催者だけです：重複をスキップするか、その行を削除してください。',
  },
}

export default people
