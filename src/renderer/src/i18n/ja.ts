// Japanese UI messages (keys mirror en.ts; the type check keeps them in step).
import type en from './en'

const ja: typeof en = {
  common: { cancel: 'キャンセル', close: '閉じる', done: '完了', dismiss: '閉じる' },
  search: { label: 'ノートを検索', placeholder: '意味でノートを検索 — どの言語でも', searching: '検索中' },
  mode: {
    label: '検索モード',
    hybrid: 'ハイブリッド',
    semantic: '意味',
    keyword: 'キーワード',
    hybridHint: '意味と語句の両方で検索（おすすめ）',
    semanticHint: '意味だけで検索（言語をまたいで）',
    keywordHint: '語句の一致だけで検索'
  },
  filters: {
    label: 'フィルター',
    folders: 'フォルダー',
    allFolders: 'すべてのフォルダー',
    tags: 'タグ',
    addTag: 'タグ…',
    removeTag: 'タグの絞り込み #{tag} を外す',
    type: 'ファイルの種類',
    anyType: 'すべての種類',
    types: { md: 'Markdown', txt: 'テキスト', html: 'HTML', pdf: 'PDF', word: 'Word / OpenDocument', epub: 'EPUB' },
    date: '更新日',
    dates: { any: '指定なし', week: '過去 1 週間', month: '過去 1 か月', year: '過去 1 年', custom: '期間を指定' },
    from: '開始',
    to: '終了',
    clear: 'フィルターを解除'
  },
  results: {
    label: '検索結果',
    page: '{page} ページ',
    pageTitle: 'PDF の {page} ページ',
    tags: 'タグ',
    count: '{n} 件のノート',
    none: '「{query}」に一致するものは見つかりませんでした',
    noneHint: '別の言葉や別の言語、またはハイブリッドモードで試してください。',
    noneFiltered: 'フィルターが有効です。解除してみてください。',
    idleTitle: '自分の言葉で探してみましょう',
    idleHint: 'Semnote は意味で段落を見つけます。言葉や言語が違っていても大丈夫です。',
    keywordOnly: 'モデルの準備ができていないため、キーワード一致の結果のみです。',
    error: '検索に失敗しました：{msg}',
    more: 'さらに表示',
    score: '関連度 {pct}%',
    morePassages: 'ほかに {n} 段落',
    reason: { keyword: '語句', translated: '訳語', semantic: '意味' },
    fold: '弱い一致 {n} 件 | 弱い一致 {n} 件',
    foldLabel: '弱い一致 {n} 件を表示 | 弱い一致 {n} 件を表示',
    foldHint: 'Enter で表示',
    weaker: '弱い一致'
  },
  keys: { navigate: '移動', open: '開く', reveal: 'フォルダーで表示', preview: 'プレビュー' },
  preview: {
    label: 'プレビュー',
    empty: '結果を選ぶと、ここで読めます。',
    open: '開く',
    reveal: 'フォルダーで表示',
    loading: '読み込み中…',
    error: 'このノートを読み込めませんでした：{msg}',
    related: '関連ノート',
    relatedLabel: '関連ノートを表示：{title}',
    pages: 'ページ',
    previousPage: '前のページ',
    nextPage: '次のページ',
    pageOf: '{page} / {pages} ページ',
    backToHit: '{page} ページに戻る'
  },
  tags: {
    title: 'タグ',
    filterBy: '#{tag} で絞り込む（{n} 件のノート）'
  },
  folders: {
    title: 'フォルダー',
    add: 'フォルダーを追加',
    remove: '削除',
    removeNamed: '{name} を削除',
    none: 'フォルダーはまだありません。',
    files: '{n} ファイル',
    chunks: '{n} 段落',
    state: { scanning: 'スキャン中', watching: '監視中', missing: '見つかりません', error: 'エラー' },
    confirmRemoveTitle: 'このフォルダーの検索をやめますか？',
    confirmRemoveBody: '{path} をインデックスから削除します。ノート自体は変更されません。',
    ignoreTitle: '除外パターン',
    ignoreHint: 'gitignore 形式で 1 行に 1 つ。すべてのフォルダーに適用されます。特定のフォルダーだけなら、そこに .semnoteignore ファイルを置いてください。',
    ignoreSave: 'パターンを保存',
    saved: '保存しました'
  },
  addFolder: {
    title: 'このフォルダーを追加しますか？',
    files: 'ファイルをインデックス',
    ignored: '件を除外',
    sample: '例',
    rules: '有効な除外ルール',
    ignoreHint: 'フォルダーに .semnoteignore ファイルを置くと、さらに除外できます。ノートは変更されません。',
    confirm: '追加してインデックス'
  },
  drop: { title: 'ドロップして追加', hint: 'フォルダーは監視され、単独のファイルは一度だけインデックスされます。' },
  firstRun: {
    title: '意味でノートを見つける',
    body: 'Markdown やテキストのノートがあるフォルダーを選んでください。Semnote はこのコンピューター上で読み込み、意味で段落を見つけます — 日本語、English、中文などに対応。データが外部に送られることはありません。',
    addFolder: 'フォルダーを追加',
    samples: 'サンプルノートを試す',
    dropHint: 'ウィンドウのどこにでもフォルダーをドロップできます。'
  },
  status: {
    idle: '最新の状態です',
    scanning: 'ノートを探しています…',
    indexing: '{total} ファイル中 {done} をインデックス中',
    paused: '一時停止中（{total} ファイル中 {done}）',
    chunks: '{n} 段落',
    rate: '{rate}/秒',
    eta: '残り {eta}',
    pause: '一時停止',
    resume: '再開',
    totals: '{files} ノート · {chunks} 段落',
    skipped: '{n} 件スキップ'
  },
  model: {
    ready: 'モデル {id}',
    readyHint: '意味検索が使えます',
    loading: 'モデルを読み込み中…',
    downloading: 'モデルをダウンロード中：{pct}%（{size}）',
    missing: 'モデルがありません — キーワード検索のみ',
    failed: 'モデルのエラー：{error}',
    retry: '再試行',
    chooseFolder: 'モデルのフォルダーを選択…'
  },
  crash: {
    title: '検索エンジンが予期せず停止しました。',
    restarting: '再起動しています — インデックスは安全です。',
    stopped: '復旧しませんでした。Semnote を再起動してください。'
  },
  health: { ok: '', rebuilding: 'ノートからインデックスを再構築しています：{detail}', damaged: 'インデックスが破損しています：{detail}' },
  skipped: {
    title: 'インデックスされなかったファイル',
    hint: 'これらのファイルはスキップされました。修正または削除すると、自動的に反映されます。',
    reasons: {
      binary: 'バイナリ',
      'no-text': 'テキストなし',
      encrypted: '暗号化',
      limit: '上限超過',
      'too-large': '大きすぎる',
      unreadable: '読み込めない',
      vanished: '消えた',
      'unsupported-type': '未対応の種類',
      'symlink-loop': 'シンボリックリンクのループ',
      'not-a-file': 'ファイルではない',
      error: 'エラー'
    }
  },
  settings: {
    title: '設定',
    hotkey: 'クイック検索のショートカット',
    hotkeyRecord: '変更',
    hotkeyPress: 'キーを押してください…（Esc で取消）',
    theme: 'テーマ',
    themes: { system: 'システム', light: 'ライト', dark: 'ダーク' },
    language: '言語',
    languageSystem: 'システムと同じ',
    resultsPerPage: '1 ページの結果数',
    editorCommand: 'ノートを開くコマンド',
    editorHint: "{'{file}'} と {'{line}'} を使えます。空欄なら既定のアプリで開きます。",
    pdfViewerCommand: 'PDF を開くアプリ',
    pdfViewerHint: "{'{file}'} と {'{page}'} を使えます（例：evince -p {'{page}'} {'{file}'}）。空欄なら既定のアプリで開きます（ブラウザーならそのページを開きます）。",
    remoteImages: 'プレビューでリモート画像を読み込む',
    launchAtLogin: 'ログイン時に Semnote を起動',
    hotkeyState: {
      live: '有効',
      unconfirmed: 'デスクトップに登録を依頼しました（通知なく拒否される場合があります）',
      failed: '無効：他のアプリまたはシステムが使用中です',
      off: 'オフ'
    },
    toggleTitle: 'デスクトップでショートカットを設定',
    toggleHint: 'ショートカットが反応しない場合は、デスクトップのキーボード設定で次のコマンドをキーに割り当ててください。クイック検索を表示・非表示にします。',
    noTray: 'お使いのデスクトップはトレイアイコンを表示しません。このウィンドウを閉じても Semnote はインデックスを続けます。アプリ一覧から再度開くか、ショートカットで検索してください。',
    indexingThreads: 'インデックス作成のスレッド数',
    indexingThreadsAuto: '自動',
    indexingThreadsHint: 'インデックス作成中にノートを読み込み分割するスレッドの数です。「自動」はモデルが使わない CPU コアを使います。少なくするとコンピューターへの負荷が下がります。',
    localApi: 'このコンピューター上のほかのアプリ向けローカル API',
    localApiHint: 'Semnote の起動中、127.0.0.1:47470 で検索を提供します。アプリには Semnote のインデックスフォルダーにある api-token ファイルのトークンが必要です。'
  },
  popup: { placeholder: 'ノートを検索…', hints: '↑↓ 移動 · Enter 開く · Esc 閉じる' }
}

export default ja
