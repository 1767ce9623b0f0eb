// English stop words, and splitting a keyword query into content words and stop words (searched only as a last resort).

/**
 * English stop words (the Snowball list, as far as LanceDB's English filter also drops them; test/store/stop-words.test.ts
 * checks that). The index keeps every word: LanceDB's own filter is a union over many languages that also drops English
 * content words ("dog", "cat", "war", "man"), so it is off, and the query sets these words apart instead.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself ' +
    'they them their theirs themselves what which who whom this that these those am is are was were be been being have has had ' +
    'having do does did doing should will can a an the and but if or because as until while of at by for with about against ' +
    'between into through during before after above below to from up down in out on off over under again further then once here ' +
    'there when where why how all any both each few more most other some such no nor not only own same so than too very just also'
  ).split(' ')
)

/**
 * The most frequent function words of other languages searched across (short hand-made lists: articles, prepositions,
 * pronouns, auxiliaries). A query's stop words come from the one language whose list holds most of its words, so an
 * English "war" or "man" stays a content word while a German query's "war" does not.
 */
export const OTHER_STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  es: new Set(
    ('de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí porque esta entre ' +
      'cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ' +
      'ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella ' +
      'estar estas algunas algo nosotros es son fue fueron era eran ha han había habían ser sido cuál cuáles cuándo dónde cómo ' +
      'cuánto cuántos cuántas quién quiénes').split(' ')
  ),
  de: new Set(
    ('der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie ' +
      'nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man ' +
      'sein wurde sei wurden waren welche welcher welches wer was wo wann warum wie wieviel viele').split(' ')
  ),
  fr: new Set(
    ('de la le et les des en un une du est que qui dans pour pas au sur par ce il elle ne se plus avec sont ont a été était ' +
      'aux ces son sa ses leur leurs nous vous ils elles quel quelle quels quelles où quand comment pourquoi combien').split(' ')
  ),
  it: new Set(
    ('il lo la i gli le un uno una di a da in con su per tra fra e o ma che chi non del dello della dei degli delle al ' +
      'allo alla ai agli alle dal dalla dai nel nello nella nei nelle sul sulla sui è sono era erano ha hanno ho mi ti si ' +
      'ci vi lui lei noi voi loro suo sua suoi sue mio mia più anche questo questa quello quella quale quali quando dove ' +
      'perché quanto quanti').split(' ')
  ),
  pt: new Set(
    ('o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela pelos pelas para com sem e ou mas que ' +
      'quem não se ao aos à às é são foi foram era eram ser ter tem têm há eu ele ela nós eles elas seu sua seus suas ' +
      'meu minha este esta esse essa isso isto aquele aquela como mais também qual quais quando onde porque quanto ' +
      'quantos').split(' ')
  ),
  tr: new Set(
    ('ve bir bu şu o da de ile için gibi daha çok ama fakat ki mi mı mu mü ne en her ya veya olan olarak kadar sonra ' +
      'önce göre diye ben sen biz siz onlar onu ona bunu bunun şey var yok değil çünkü nasıl neden nerede hangi').split(' ')
  ),
  // Without the one-letter w, z, o and u (nor Dutch u): one of them alone would make an English query ("Kubernetes
  // z-pages") Polish.
  pl: new Set(
    ('i we na nie ze do to jest są się że od po za a ale jak co tak czy dla przez przy już tylko być był była ' +
      'było jego jej ich ten ta te tym tego który która które oraz lub jako także może bardzo gdzie kiedy dlaczego').split(' ')
  ),
  nl: new Set(
    ('de het een en van in is dat die niet op te zijn voor met als er aan maar om ook door naar bij uit dan of was wat ' +
      'nog wel geen heeft hebben wordt worden werd deze dit ze zij hij ik je we wij hun haar zich over al tot waar ' +
      'wanneer waarom hoe welke').split(' ')
  ),
  id: new Set(
    ('yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan atau juga oleh sebagai karena saya aku kami ' +
      'kita mereka ia dia anda bisa sudah telah ada lebih sangat hanya jika bahwa agar tetapi apa siapa mengapa kapan ' +
      'bagaimana').split(' ')
  )
}

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' })

/** A keyword query split in two: `content` (the query without its stop words, CJK runs untouched) and its `stopWords`. */
export interface SplitQuery {
  content: string
  stopWords: string[]
}

/** The stop-word list of the language whose list holds most words of `query` (English on ties). */
function stopListFor(words: readonly string[]): ReadonlySet<string> {
  let best = ENGLISH_STOP_WORDS
  let bestCount = words.filter((w) => ENGLISH_STOP_WORDS.has(w)).length
  for (const list of Object.values(OTHER_STOP_WORDS)) {
    const count = words.filter((w) => list.has(w)).length
    if (count > bestCount) (best = list), (bestCount = count)
  }
  return best
}

/** Splits `query` into content words and stop words (case-insensitive, whole words only) of the query's language. */
export function splitStopWords(query: string): SplitQuery {
  const segments = [...wordSegmenter.segment(query)]
  const list = stopListFor(segments.filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase()))
  let content = ''
  const stopWords: string[] = []
  for (const segment of segments) {
    if (segment.isWordLike && list.has(segment.segment.toLowerCase())) {
      stopWords.push(segment.segment)
      content += ' '
    } else content += segment.segment
  }
  return { content: content.replace(/\s+/g, ' ').trim(), stopWords }
}

/** True when `word` (lower-case) is a stop word of any language listed here (for naming map clusters by content words). */
export function isStopWordOfAnyList(word: string): boolean {
  return ENGLISH_STOP_WORDS.has(word) || Object.values(OTHER_STOP_WORDS).some((list) => list.has(word))
}
