// English UI messages (the reference set: other locales mirror these keys).
export default {
  common: { cancel: 'Cancel', close: 'Close', done: 'Done', dismiss: 'Dismiss' },
  search: {
    label: 'Search notes',
    placeholder: 'Search your notes by meaning — in any language',
    searching: 'Searching'
  },
  mode: {
    label: 'Search mode',
    hybrid: 'Hybrid',
    semantic: 'Meaning',
    keyword: 'Keyword',
    hybridHint: 'Meaning and exact words together (recommended)',
    semanticHint: 'Only by meaning, across languages',
    keywordHint: 'Only exact words'
  },
  filters: {
    label: 'Filters',
    folders: 'Folders',
    allFolders: 'All folders',
    tags: 'Tags',
    addTag: 'Tag…',
    removeTag: 'Remove the tag filter #{tag}',
    type: 'File type',
    anyType: 'Any type',
    types: { md: 'Markdown', txt: 'Text', html: 'HTML', pdf: 'PDF', word: 'Word / OpenDocument', epub: 'EPUB' },
    date: 'Modified',
    dates: { any: 'Any time', week: 'Past week', month: 'Past month', year: 'Past year', custom: 'Custom range' },
    from: 'From',
    to: 'To',
    clear: 'Clear filters'
  },
  results: {
    label: 'Results',
    page: 'p. {page}',
    pageTitle: 'Page {page} of the PDF',
    tags: 'Tags',
    count: 'No notes | 1 note | {n} notes',
    none: 'Nothing found for “{query}”',
    noneHint: 'Try other words, another language, or Hybrid mode.',
    noneFiltered: 'Filters are on — try clearing them.',
    idleTitle: 'Ask in your own words',
    idleHint: 'Semnote finds passages by meaning, even when the words differ — or the language.',
    keywordOnly: 'The model is not ready, so these are keyword matches only.',
    error: 'Search failed: {msg}',
    more: 'Show more',
    score: 'Relevance {pct}%',
    morePassages: '{n} more passage | {n} more passages',
    reason: { keyword: 'words', translated: 'translated words', semantic: 'meaning' },
    fold: '{n} weaker match | {n} weaker matches',
    foldLabel: 'Show {n} weaker match | Show {n} weaker matches',
    foldHint: 'Enter to show',
    weaker: 'Weaker matches'
  },
  keys: { navigate: 'navigate', open: 'open', reveal: 'reveal', preview: 'preview' },
  preview: {
    label: 'Preview',
    empty: 'Select a result to read it here.',
    open: 'Open',
    reveal: 'Show in folder',
    loading: 'Loading…',
    error: 'Could not read this note: {msg}',
    related: 'Related notes',
    relatedLabel: 'Show {title} (related note)',
    pages: 'Pages',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    pageOf: 'Page {page} of {pages}',
    backToHit: 'Back to p. {page}'
  },
  tags: {
    title: 'Tags',
    filterBy: 'Filter by #{tag} ({n} notes) | Filter by #{tag} ({n} note) | Filter by #{tag} ({n} notes)'
  },
  folders: {
    title: 'Folders',
    add: 'Add folder',
    remove: 'Remove',
    removeNamed: 'Remove {name}',
    none: 'No folders yet.',
    files: '{n} files | {n} file | {n} files',
    chunks: '{n} passages | {n} passage | {n} passages',
    state: { scanning: 'Scanning', watching: 'Watching', missing: 'Missing', error: 'Error' },
    confirmRemoveTitle: 'Stop searching this folder?',
    confirmRemoveBody: '{path} will be removed from the index. Your notes are not touched.',
    ignoreTitle: 'Ignore patterns',
    ignoreHint: 'gitignore syntax, one per line, for every folder. For one folder only, put a .semnoteignore file in it.',
    ignoreSave: 'Save patterns',
    saved: 'Saved'
  },
  addFolder: {
    title: 'Add this folder?',
    files: 'files to index | file to index | files to index',
    ignored: 'ignored | ignored | ignored',
    sample: 'For example',
    rules: 'Ignore rules in force',
    ignoreHint: 'Add a .semnoteignore file to the folder to skip more. Nothing is changed in your notes.',
    confirm: 'Add and index'
  },
  drop: { title: 'Drop to add', hint: 'Folders are watched; single files are indexed on their own.' },
  firstRun: {
    title: 'Find your notes by what they mean',
    body: 'Point Semnote at a folder of Markdown or text notes. It reads them on this computer and finds passages by meaning — in English, 中文, 日本語 and more. Nothing leaves your machine.',
    addFolder: 'Add a folder',
    samples: 'Try the sample notes',
    dropHint: 'Or drop a folder anywhere on this window.'
  },
  status: {
    idle: 'Up to date',
    scanning: 'Looking for notes…',
    indexing: 'Indexing {done} of {total} files',
    paused: 'Paused at {done} of {total} files',
    chunks: '{n} passages',
    rate: '{rate}/s',
    eta: '{eta} left',
    pause: 'Pause',
    resume: 'Resume',
    totals: '{files} notes · {chunks} passages',
    skipped: '{n} skipped | {n} skipped | {n} skipped'
  },
  model: {
    ready: 'Model {id}',
    readyHint: 'Semantic search is ready',
    loading: 'Loading the model…',
    downloading: 'Downloading the model: {pct}% of {size}',
    missing: 'Model missing — keyword search only',
    failed: 'Model failed: {error}',
    retry: 'Retry',
    chooseFolder: 'Choose model folder…'
  },
  crash: {
    title: 'The search engine stopped unexpectedly.',
    restarting: 'Restarting it now — your index is safe.',
    stopped: 'It did not come back. Please restart Semnote.'
  },
  health: {
    ok: '',
    rebuilding: 'Rebuilding the index from your notes: {detail}',
    damaged: 'The index is damaged: {detail}'
  },
  skipped: {
    title: 'Files not indexed',
    hint: 'These files were skipped. Fix or remove them and Semnote will pick up the change.',
    reasons: {
      binary: 'Binary',
      'no-text': 'No text',
      encrypted: 'Encrypted',
      limit: 'Over a limit',
      'too-large': 'Too large',
      unreadable: 'Unreadable',
      vanished: 'Vanished',
      'unsupported-type': 'Unsupported type',
      'symlink-loop': 'Symlink loop',
      'not-a-file': 'Not a file',
      error: 'Error'
    }
  },
  settings: {
    title: 'Settings',
    hotkey: 'Quick-search shortcut',
    hotkeyRecord: 'Change',
    hotkeyPress: 'Press keys… (Esc cancels)',
    theme: 'Theme',
    themes: { system: 'System', light: 'Light', dark: 'Dark' },
    language: 'Language',
    languageSystem: 'Same as system',
    resultsPerPage: 'Results per page',
    editorCommand: 'Open notes with',
    editorHint: "A command with {'{file}'} and {'{line}'}; empty opens the default app.",
    pdfViewerCommand: 'Open PDFs with',
    pdfViewerHint: "A command with {'{file}'} and {'{page}'}, e.g. evince -p {'{page}'} {'{file}'}; empty opens the default app (at the page when it is a browser).",
    remoteImages: 'Load remote images in previews',
    launchAtLogin: 'Start Semnote at login',
    hotkeyState: {
      live: 'Active',
      unconfirmed: 'Handed to your desktop, which may refuse it without telling Semnote',
      failed: 'Not active: another application or the system uses it',
      off: 'Off'
    },
    toggleTitle: 'Shortcut through your desktop',
    toggleHint: "If the shortcut does nothing, bind this command to a key in your desktop's keyboard settings: it shows and hides the quick search.",
    noTray: 'Your desktop shows no tray icon: Semnote keeps indexing when this window is closed. Open it again from your apps, or search with the shortcut.',
    indexingThreads: 'Indexing threads',
    indexingThreadsAuto: 'Automatic',
    indexingThreadsHint: 'Threads that read and split notes while indexing. Automatic uses the cores the model leaves free; fewer keep the computer quieter.',
    localApi: 'Local API for other apps on this computer',
    localApiHint: 'Serves search on 127.0.0.1:47470 while Semnote runs. Apps need the token from the api-token file in Semnote’s index folder.'
  },
  popup: {
    placeholder: 'Search notes…',
    hints: '↑↓ move · Enter open · Esc close'
  }
}
