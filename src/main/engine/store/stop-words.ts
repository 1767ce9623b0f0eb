// English stop words and other languages' function words, and splitting a keyword query into content words and stop words (searched only as a last resort).
import { withoutGreekAccents } from '../lexicon/greek-accent'

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
  // The lists below (Turkish to Hungarian) leave out one-letter words other than a and i, and words English queries use
  // as content (Danish and Swedish "sig", Czech "pro", Dutch "die", Swedish "man", Hungarian "van"): one of them alone
  // would make an English query ("Kubernetes z-pages", "SIG Docs chairperson", "Ubuntu Pro") foreign.
  tr: new Set(
    ('ve bir bu şu da de ile için gibi daha çok ama fakat ki mi mı mu mü ne en her ya veya olan olarak kadar ' +
      'sonra önce göre diye biz siz onlar onu ona bunu bunun şey yok değil çünkü nasıl neden nerede hangi').split(' ')
  ),
  pl: new Set(
    ('i we na nie ze do to jest są się że od po za a ale jak tak czy dla przez przy już tylko być był była było ' +
      'jego jej ich ta te tym tego który która które oraz lub jako także może bardzo gdzie kiedy dlaczego').split(' ')
  ),
  nl: new Set(
    ('de het een en van in is dat niet op te zijn voor als er aan maar om ook naar bij uit of was wat nog wel geen ' +
      'heeft hebben wordt worden werd deze dit ze zij hij ik je we wij hun haar zich over al waar wanneer waarom ' +
      'welke').split(' ')
  ),
  id: new Set(
    ('yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan atau juga oleh sebagai karena saya aku ' +
      'kami kita mereka ia dia anda bisa sudah telah lebih sangat hanya jika bahwa agar tetapi apa siapa mengapa ' +
      'kapan bagaimana').split(' ')
  ),
  sv: new Set(
    ('och i att det som en ett på är av för med till den de inte om han hon jag från så när under också efter ' +
      'eller nu där vid ska skulle vara hade alla mycket än här då över bara blir även vad hur mer detta utan ' +
      'varför').split(' ')
  ),
  da: new Set(
    ('og i at det som en et på er af for med til den de ikke om han hun jeg fra så når under også efter eller nu ' +
      'der ved skal skulle være havde alle meget her da over kun bliver hvad hvor mere dette uden hvorfor').split(' ')
  ),
  no: new Set(
    ('og i at det som en et på er av for med til den de ikke om han hun jeg seg fra så når under også etter eller ' +
      'nå der ved skal skulle være hadde alle mye enn her da over blir hva hvor mer dette uten hvorfor').split(' ')
  ),
  cs: new Set(
    ('a i se na je že to do jsem jsou by ale jak tak od po za jeho její jejich který která které nebo také už jen ' +
      'když bylo byl byla být není ve ze kde proč').split(' ')
  ),
  hr: new Set(
    ('i je se na da za su od sa kao ali ili što to koji koja koje ne bi biti bila jer kad kada smo ste samo još ' +
      'već ima nije gdje zašto').split(' ')
  ),
  fi: new Set(
    ('ja on ei se että oli hän kun myös mutta tai niin kuin nyt jos ovat olla ole mitä joka jotka sen hänen minä ' +
      'sinä me te he tämä nämä siitä sitä siinä missä miksi').split(' ')
  ),
  hu: new Set(
    ('a az és is hogy nem egy de volt ez azt csak már mint vagy még el ki be fel le kell lesz lehet nagyon mert ha ' +
      'ezt amely aki ami hol miért').split(' ')
  ),
  // Romanian: "care", "nu", "mai", "din", "era" and "ci" left out (English "care", "era", "din", CI, "Nu HTML checker";
  // German "Mai"); the words written with ș or ț also in the older spelling with ş or ţ.
  ro: new Set(
    ('a și şi să în cu pentru la de se un unei unui al lui ei el noi voi ele este sunt au fost fi fie sau dar că cum ' +
      'când unde cine cât acest această acesta aceasta aceste acești aceşti acel acea cel cea cei cele după până prin ' +
      'între fără despre dacă foarte doar încă deja toate toți toţi').split(' ')
  ),
  ru: new Set(
    ('и в во не что он она оно они на я с со как а то все всё так его но да ты к ко у же вы за бы по только ее её мне ' +
      'от меня еще ещё нет о об из ему ли если уже или ни быть был была было были до вас там себя ей может тут где ' +
      'есть для мы тебя их чем без кто этот эта это эти того этого этой при после над под через про между чтобы когда ' +
      'почему какой какая какие который которая которые также тоже').split(' ')
  ),
  uk: new Set(
    ('і й та в у на з із зі не що як а але до за від по про для чи або він вона воно вони ми ви я ти його її їх ' +
      'був була було були є бути це цей ця ці той те ті який яка яке які котрий де коли чому так тому також вже ще ' +
      'лише тільки при через після перед між щоб якщо без над під').split(' ')
  ),
  el: withUnaccented(
    'και το η ο οι της του τα των τον την τις τους να σε με για από που στο στη στην στον στα στις στους θα δεν μη μην ' +
      'είναι ήταν ένα μια ένας αυτό αυτή αυτός αυτά ως ή αλλά όπως πώς πως τι ποιος ποια ποιο πού πότε γιατί έχει έχουν ' +
      'όταν επειδή επίσης μόνο'
  ),
  ar: new Set(
    ('في من على إلى الى عن أن إن ان هذا هذه ذلك تلك التي الذي الذين هو هي هم نحن أنا أنت كان كانت يكون مع ما لا لم لن ' +
      'قد ثم أو بين كل عند حتى إذا اذا هل كيف لماذا متى أين و ف ب ل').split(' ')
  ),
  hi: new Set(
    ('का की के में है हैं और से को पर यह वह ये वे था थी थे भी नहीं हो ने तो कि जो या लिए क्या कैसे क्यों कब कहाँ कहां ' +
      'इस उस इसे उसे ही तक मैं हम आप').split(' ')
  )
}

/** Greek words as written and without their accents (Greek in capitals, or typed quickly, has none). */
function withUnaccented(words: string): ReadonlySet<string> {
  const list = words.split(' ')
  return new Set([...list, ...list.map(withoutGreekAccents)])
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
