// Simplified Chinese UI messages (keys mirror en.ts; the type check keeps them in step).
import type en from './en'

const zhCN: typeof en = {
  common: { cancel: '取消', close: '关闭', done: '完成', dismiss: '知道了' },
  search: { label: '搜索笔记', placeholder: '按意思搜索你的笔记——任何语言都可以', searching: '正在搜索' },
  mode: {
    label: '搜索模式',
    hybrid: '混合',
    semantic: '语义',
    keyword: '关键词',
    hybridHint: '同时匹配意思和字词（推荐）',
    semanticHint: '只按意思匹配，可跨语言',
    keywordHint: '只匹配字词'
  },
  filters: {
    label: '筛选',
    folders: '文件夹',
    allFolders: '全部文件夹',
    tags: '标签',
    addTag: '标签…',
    removeTag: '移除标签筛选 #{tag}',
    type: '文件类型',
    anyType: '任意类型',
    types: { md: 'Markdown', txt: '纯文本', html: 'HTML', pdf: 'PDF', word: 'Word / OpenDocument', epub: 'EPUB' },
    date: '修改时间',
    dates: { any: '任意时间', week: '过去一周', month: '过去一个月', year: '过去一年', custom: '自定义范围' },
    from: '从',
    to: '到',
    clear: '清除筛选'
  },
  results: {
    label: '搜索结果',
    page: '第 {page} 页',
    pageTitle: 'PDF 第 {page} 页',
    tags: '标签',
    count: '{n} 篇笔记',
    none: '没有找到与“{query}”相关的内容',
    noneHint: '换个说法、换种语言，或使用混合模式试试。',
    noneFiltered: '筛选条件已开启，试试清除筛选。',
    idleTitle: '用你自己的话来问',
    idleHint: 'Semnote 按意思查找段落，即使用词不同、语言不同也能找到。',
    keywordOnly: '模型尚未就绪，以下仅为关键词匹配结果。',
    error: '搜索失败：{msg}',
    more: '显示更多',
    score: '相关度 {pct}%',
    morePassages: '另有 {n} 个段落',
    reason: { keyword: '字词', translated: '译词', semantic: '语义' },
    fold: '{n} 条较弱的匹配 | {n} 条较弱的匹配',
    foldLabel: '显示 {n} 条较弱的匹配 | 显示 {n} 条较弱的匹配',
    foldHint: '按 Enter 展开',
    weaker: '较弱的匹配'
  },
  keys: { navigate: '选择', open: '打开', reveal: '在文件夹中显示', preview: '预览' },
  preview: {
    label: '预览',
    empty: '选择一条结果，在这里阅读。',
    open: '打开',
    reveal: '在文件夹中显示',
    loading: '正在加载…',
    error: '无法读取这篇笔记：{msg}',
    related: '相关笔记',
    relatedLabel: '查看相关笔记：{title}',
    pages: '页面',
    previousPage: '上一页',
    nextPage: '下一页',
    pageOf: '第 {page} 页，共 {pages} 页',
    backToHit: '回到第 {page} 页'
  },
  tags: {
    title: '标签',
    filterBy: '按 #{tag} 筛选（{n} 篇笔记）'
  },
  folders: {
    title: '文件夹',
    add: '添加文件夹',
    remove: '移除',
    removeNamed: '移除 {name}',
    none: '还没有文件夹。',
    files: '{n} 个文件',
    chunks: '{n} 个段落',
    state: { scanning: '扫描中', watching: '监视中', missing: '已丢失', error: '出错' },
    confirmRemoveTitle: '不再搜索这个文件夹？',
    confirmRemoveBody: '{path} 将从索引中移除。你的笔记本身不会被改动。',
    ignoreTitle: '忽略规则',
    ignoreHint: 'gitignore 语法，每行一条，对所有文件夹生效。只针对某个文件夹时，请在其中放一个 .semnoteignore 文件。',
    ignoreSave: '保存规则',
    saved: '已保存'
  },
  addFolder: {
    title: '添加这个文件夹？',
    files: '个文件将被索引',
    ignored: '个被忽略',
    sample: '例如',
    rules: '生效的忽略规则',
    ignoreHint: '在文件夹中添加 .semnoteignore 文件可以跳过更多内容。你的笔记不会被改动。',
    confirm: '添加并索引'
  },
  drop: { title: '松开即可添加', hint: '文件夹会被持续监视；单个文件只做一次索引。' },
  firstRun: {
    title: '按意思找到你的笔记',
    body: '选择一个存放 Markdown 或文本笔记的文件夹。Semnote 在本机读取它们，按意思查找段落——支持中文、English、日本語等多种语言。任何内容都不会离开你的电脑。',
    addFolder: '添加文件夹',
    samples: '试试示例笔记',
    dropHint: '也可以把文件夹拖到窗口任意位置。'
  },
  status: {
    idle: '已是最新',
    scanning: '正在查找笔记…',
    indexing: '正在索引 {done} / {total} 个文件',
    paused: '已暂停：{done} / {total} 个文件',
    chunks: '{n} 个段落',
    rate: '{rate}/秒',
    eta: '剩余 {eta}',
    pause: '暂停',
    resume: '继续',
    totals: '{files} 篇笔记 · {chunks} 个段落',
    skipped: '已跳过 {n} 个'
  },
  model: {
    ready: '模型 {id}',
    readyHint: '语义搜索已就绪',
    loading: '正在加载模型…',
    downloading: '正在下载模型：{pct}%，共 {size}',
    missing: '缺少模型——仅可关键词搜索',
    failed: '模型出错：{error}',
    retry: '重试',
    chooseFolder: '选择模型文件夹…'
  },
  crash: {
    title: '搜索引擎意外停止。',
    restarting: '正在重新启动——你的索引是安全的。',
    stopped: '它没有恢复，请重新启动 Semnote。'
  },
  health: { ok: '', rebuilding: '正在根据笔记重建索引：{detail}', damaged: '索引已损坏：{detail}' },
  skipped: {
    title: '未被索引的文件',
    hint: '这些文件被跳过了。修复或移除后，Semnote 会自动处理。',
    reasons: {
      binary: '二进制文件',
      'no-text': '没有文字',
      encrypted: '已加密',
      limit: '超出限制',
      'too-large': '文件过大',
      unreadable: '无法读取',
      vanished: '已消失',
      'unsupported-type': '不支持的类型',
      'symlink-loop': '符号链接循环',
      'not-a-file': '不是普通文件',
      error: '出错'
    }
  },
  settings: {
    title: '设置',
    hotkey: '快速搜索快捷键',
    hotkeyRecord: '更改',
    hotkeyPress: '请按下按键…（Esc 取消）',
    theme: '主题',
    themes: { system: '跟随系统', light: '浅色', dark: '深色' },
    language: '语言',
    languageSystem: '跟随系统',
    resultsPerPage: '每页结果数',
    editorCommand: '用以下命令打开笔记',
    editorHint: "命令中可用 {'{file}'} 和 {'{line}'}；留空则用默认程序打开。",
    pdfViewerCommand: '打开 PDF 的程序',
    pdfViewerHint: "命令中可用 {'{file}'} 和 {'{page}'}，例如 evince -p {'{page}'} {'{file}'}；留空则用默认程序打开（若默认程序是浏览器，则直接跳到该页）。",
    remoteImages: '在预览中加载远程图片',
    launchAtLogin: '登录时启动 Semnote',
    hotkeyState: {
      live: '已生效',
      unconfirmed: '已交给桌面环境，它可能不声不响地拒绝',
      failed: '未生效：已被其他程序或系统占用',
      off: '已关闭'
    },
    toggleTitle: '通过桌面环境设置快捷键',
    toggleHint: '如果快捷键没有反应，请在桌面环境的键盘设置中把下面的命令绑定到一个按键：它会显示或隐藏快速搜索。',
    noTray: '你的桌面不显示托盘图标：关闭此窗口后 Semnote 仍在后台索引。可从应用列表再次打开，或用快捷键搜索。',
    indexingThreads: '索引线程',
    indexingThreadsAuto: '自动',
    indexingThreadsHint: '建立索引时读取并切分笔记的线程数。“自动”使用模型空出的处理器核心；线程越少，电脑越安静。',
    localApi: '供本机其他应用使用的本地 API',
    localApiHint: 'Semnote 运行时在 127.0.0.1:47470 提供搜索。应用需要 Semnote 索引文件夹中 api-token 文件里的令牌。'
  },
  popup: { placeholder: '搜索笔记…', hints: '↑↓ 选择 · Enter 打开 · Esc 关闭' }
}

export default zhCN
