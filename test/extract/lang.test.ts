// The language guess: scripts decide CJK and others, function words among Latin-script languages and eld's identifier
// where they do not; unsure means "und".
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { guessLanguage, LATIN_SCRIPT_LANGUAGES } from '../../src/main/engine/extract/lang'
import { rng } from '../helpers/rng'

describe('guessLanguage', () => {
  it.each([
    ['en', 'The cat is on the mat and it was happy with this.'],
    ['de', 'Der Hund und die Katze sind nicht mit den Kindern auf der Straße.'],
    ['fr', 'Le chat est dans la maison et les enfants sont pour une fois sages.'],
    ['es', 'El perro y los gatos están en la casa de una amiga para comer con ella.'],
    ['zh', '晚上音乐很吵，我睡不着。'],
    ['ja', '夜に音楽がうるさい。'],
    ['ko', '밤에 음악이 시끄러워요.'],
    ['ru', 'Ночью музыка очень громкая.'],
    ['uk', 'Вночі музика дуже гучна, і я не можу заснути.'],
    // Russian quoting one Ukrainian word: Russian's own letters (ы, ё) outnumber Ukrainian's.
    ['ru', 'Слово «їжак» по-украински значит ёж, а вы это знали?'],
    ['it', 'I vicini sono rumorosi anche di notte e non riesco a dormire per la musica della festa.'],
    ['pt', 'Os vizinhos fazem barulho durante a noite e eu não consigo dormir com a música da festa pelo prédio.'],
    ['nl', 'Het bedrijf meldde dit jaar hogere winsten dankzij de export naar het buitenland.'],
    ['tr', 'Bu yıl şirket ihracat sayesinde daha yüksek kâr açıkladı ve yeni bir fabrika kurdu.'],
    ['pl', 'Firma odnotowała wyższe zyski w tym roku dzięki eksportowi i nie planuje zwolnień.'],
    ['id', 'Perusahaan melaporkan keuntungan yang lebih tinggi tahun ini berkat ekspor ke luar negeri.'],
    ['sv', 'Jag har inte sett filmen och jag vet inte om den är bra eller dålig, men den kommer till Sverige i morgon.'],
    ['da', 'Jeg har ikke set filmen, og jeg ved ikke, om den er god eller dårlig, men den kommer til Danmark efter jul.'],
    ['no', 'Jeg har ikke sett filmen, og jeg vet ikke om den er god eller dårlig, men den kommer til Norge etter jul.'],
    ['cs', 'Firma letos vykázala vyšší zisk, protože je to pro ni dobrý rok a export jako obvykle roste.'],
    ['hr', 'Tvrtka je ove godine prijavila veću dobit jer su izvozi rasli, ali to nije bilo lako kao prošle godine.'],
    ['fi', 'Yhtiö raportoi tänä vuonna suuremman voiton, ja se on hyvä uutinen, mutta vienti ei kasva niin kuin ennen.'],
    ['hu', 'A cég idén magasabb nyereséget jelentett, és azt mondta, hogy nem kell aggódni, mert az export csak nő.'],
    ['ro', 'Vecinii sunt gălăgioși noaptea și nu pot să dorm din cauza muzicii de la petrecere.'],
    // The older spelling with cedillas (ş, ţ), as much Romanian text still writes.
    ['ro', 'Firma a raportat anul acesta profituri mai mari datorită exporturilor şi nu plănuieşte concedieri.']
  ])('%s', async (lang, text) => expect(await guessLanguage(text)).toBe(lang))

  it('tells short notes apart, where function words do not decide', async () => {
    expect(await guessLanguage('Die Nachbarn feiern jede Nacht sehr laut.')).toBe('de')
    expect(await guessLanguage('Buy milk and bread tomorrow morning.')).toBe('en')
    expect(await guessLanguage('Mañana compramos pan y leche.')).toBe('es')
    expect(await guessLanguage('Kan du hjälpa mig med läxan?')).toBe('sv')
    expect(await guessLanguage('Vecinii ascultă muzică tare noaptea.')).toBe('ro')
  })

  it('answers "und" when there are no words to tell by (numbers, a few names) or two languages read alike', async () => {
    expect(await guessLanguage('12345 67890')).toBe('und')
    expect(await guessLanguage('Kubernetes Terraform Ansible Docker Podman')).toBe('und')
    expect(await guessLanguage('')).toBe('und')
    // Near ties: German by a hair over English, and the Scandinavian languages on a phrase they share.
    expect(await guessLanguage("I'm gay, so?")).toBe('und')
    expect(await guessLanguage('Vi ses i morgon på stationen!')).toBe('und')
  })
})

/** The notes of an evaluation set's corpus, as text. */
async function corpusTexts(set: string): Promise<string[]> {
  const corpus = join(resolve(__dirname, '..', '..', '..', 'shared', 'eval'), set, 'corpus')
  const names = (await readdir(corpus, { recursive: true })).filter((name) => name.endsWith('.md'))
  return Promise.all(names.map((name) => readFile(join(corpus, name), 'utf8')))
}

describe('guessLanguage on the dev corpora', () => {
  // Tatoeba's English sentences are 3-15 words: function words alone told 30% of them ("und" for the rest). The tldr
  // pages' share is lower: a few German pages of commands and English words read as English.
  it.each([
    { set: 'tatoeba-es2en', lang: 'en', share: 0.97 },
    { set: 'tatoeba-ko2en', lang: 'en', share: 0.97 },
    { set: 'xquad-en2en', lang: 'en', share: 0.97 },
    { set: 'xquad-es2de', lang: 'de', share: 0.97 },
    { set: 'tldr-en2de', lang: 'de', share: 0.95 },
    { set: 'tldr-en2es', lang: 'es', share: 0.95 },
    { set: 'xquad-zh2zh', lang: 'zh', share: 0.97 },
    { set: 'k8sdocs-en2ja', lang: 'ja', share: 0.97 }
  ])('$set: at least a share $share of the notes read as $lang', async ({ set, lang, share }) => {
    const texts = await corpusTexts(set)
    expect(texts.length).toBeGreaterThan(100)
    const guesses = await Promise.all(texts.map((text) => guessLanguage(text)))
    expect(guesses.filter((guess) => guess === lang).length / texts.length).toBeGreaterThanOrEqual(share)
  })
})

/** The guess as it was first written (for...of over code points, a regex for the words, a Map lookup per word). */
function referenceGuess(text: string): string {
  const sample = text.slice(0, 20_000)
  const counts = { han: 0, kana: 0, hangul: 0, cyrillic: 0, arabic: 0, hebrew: 0, greek: 0, thai: 0, devanagari: 0, latin: 0 }
  for (const char of sample) {
    const code = char.codePointAt(0)!
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) counts.latin++
    } else if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x31f0 && code <= 0x31ff)) counts.kana++
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x2ffff)) counts.han++
    else if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff)) counts.hangul++
    else if (code >= 0x0400 && code <= 0x04ff) counts.cyrillic++
    else if (code >= 0x0600 && code <= 0x06ff) counts.arabic++
    else if (code >= 0x0590 && code <= 0x05ff) counts.hebrew++
    else if (code >= 0x0370 && code <= 0x03ff) counts.greek++
    else if (code >= 0x0e00 && code <= 0x0e7f) counts.thai++
    else if (code >= 0x0900 && code <= 0x097f) counts.devanagari++
    else if (code >= 0x00c0 && code <= 0x024f) counts.latin++
  }
  const cjk = counts.han + counts.kana + counts.hangul
  if (cjk > 0 && cjk >= counts.latin / 4) return counts.kana >= cjk * 0.05 ? 'ja' : counts.hangul > counts.han ? 'ko' : 'zh'
  const scripts: [string, number][] = [['ru', counts.cyrillic], ['ar', counts.arabic], ['he', counts.hebrew], ['el', counts.greek], ['th', counts.thai], ['hi', counts.devanagari]]
  const [topScript, topCount] = scripts.reduce((best, entry) => (entry[1] > best[1] ? entry : best))
  if (topCount > counts.latin) return topScript
  if (counts.latin === 0) return 'und'
  const stopwords: Record<string, string[]> = {
    en: ['the', 'and', 'is', 'of', 'to', 'in', 'that', 'it', 'for', 'with', 'this', 'are', 'was'],
    de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'ein', 'eine', 'ich', 'sie', 'auf'],
    fr: ['le', 'la', 'les', 'et', 'est', 'des', 'une', 'un', 'du', 'dans', 'pour', 'que', 'pas'],
    es: ['el', 'la', 'los', 'las', 'y', 'es', 'de', 'que', 'en', 'una', 'por', 'con', 'para'],
    it: ['e', 'di', 'che', 'per', 'non', 'sono', 'della', 'gli', 'nel', 'questo', 'anche', 'alla', 'nella'],
    pt: ['o', 'os', 'e', 'da', 'dos', 'das', 'em', 'um', 'uma', 'na', 'ao', 'pelo', 'pela']
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? []
  if (words.length < 3) return 'und'
  const scores = Object.entries(stopwords).map(([lang, list]) => [lang, words.filter((word) => list.includes(word)).length] as const).sort((a, b) => b[1] - a[1])
  if (scores[0]![1] < Math.max(2, words.length * 0.05) || scores[0]![1] === scores[1]![1]) return 'und'
  return scores[0]![0]
}

/** The guess is the first implementation's where that one decided, and "und" or a Latin-script language where it did not. */
async function expectAsDecided(text: string): Promise<void> {
  const first = referenceGuess(text)
  const guess = await guessLanguage(text)
  if (first !== 'und') expect(guess, JSON.stringify(text.slice(0, 200))).toBe(first)
  else expect(['und', ...LATIN_SCRIPT_LANGUAGES], JSON.stringify(text.slice(0, 200))).toContain(guess)
}

describe('guessLanguage against the first implementation', () => {
  it('answers like it wherever it decided, on hostile random text and on the dev corpora (its "und" goes to the identifier)', async () => {
    const random = rng(30)
    const alphabet = [...'the and der die le la el y que İstanbul ÉCOLE Straße Ñandú ﬁ Σσς', ' ', ' ', '.', '\n', '晚上', 'うるさい', '밤에', 'Ночью', 'שלום', 'สวัสดี', 'नमस्ते', '𠀀', '😀', '\ud800', '\u0301']
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(random() * 60) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(random() < 0.5 ? ' ' : '')
      await expectAsDecided(text)
    }
    const evalDir = resolve(__dirname, '..', '..', '..', 'shared', 'eval')
    let files = 0
    for (const set of await readdir(evalDir)) {
      const corpus = join(evalDir, set, 'corpus')
      for (const name of (await readdir(corpus, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).slice(0, 40)) {
        const text = await readFile(join(corpus, name), 'utf8')
        await expectAsDecided(text)
        files++
      }
    }
    expect(files).toBeGreaterThan(200)
  })
})
