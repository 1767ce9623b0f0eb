// The bundled lite pack reads notes in Korean, Russian, Ukrainian, Arabic, Greek, Hindi and (added languages) Turkish, Polish, Dutch, Indonesian, Swedish, Danish, Norwegian, Czech, Croatian, Finnish and Hungarian (Greek also in capitals, written without accents): English queries find them by meaning and by translated words, and a Korean query finds the Russian note.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { tempFolders } from '../engine/helpers'

const MODELS = resolve(__dirname, '..', '..', 'resources', 'models')
const temp = tempFolders()
afterAll(() => temp.cleanup())

const LANGUAGES = ['ko', 'ru', 'uk', 'ar', 'el', 'el-caps', 'hi', 'tr', 'pl', 'nl', 'id', 'sv', 'da', 'no', 'cs', 'hr', 'fi', 'hu'] as const
type Language = (typeof LANGUAGES)[number]
/** The Greek notes again in capitals, written (as Greek capitals are) without accents. */
type WrittenLanguage = Exclude<Language, 'el-caps'>

/** One everyday topic: the English query, and the note in each language (written for this test). */
const TOPICS: { name: string; en: string; notes: Record<WrittenLanguage, string> }[] = [
  { name: 'noise', en: 'neighbours play loud music at night', notes: { ko: "이웃이 밤늦게 시끄러운 음악을 틀어서 잠을 잘 수 없어요.", ru: "Соседи поздно ночью включают громкую музыку, и я не могу уснуть.", uk: "Сусіди вмикають гучну музику пізно вночі, і я не можу заснути.", ar: "الجيران يشغلون الموسيقى بصوت عال في وقت متأخر من الليل ولا أستطيع النوم.", el: "Οι γείτονες βάζουν δυνατή μουσική αργά τη νύχτα και δεν μπορώ να κοιμηθώ.", hi: "पड़ोसी देर रात तेज़ संगीत बजाते हैं और मैं सो नहीं पाता।", tr: "Komşular gece geç saatlere kadar yüksek sesle müzik çalıyor ve uyuyamıyorum.", pl: "Sąsiedzi puszczają głośną muzykę późno w nocy i nie mogę spać.", nl: "De buren draaien 's avonds laat harde muziek en ik kan niet slapen.", id: "Tetangga memutar musik keras larut malam dan saya tidak bisa tidur.", sv: "Grannarna spelar hög musik sent på natten och jag kan inte sova.", da: "Naboerne spiller høj musik sent om natten, og jeg kan ikke sove.", no: "Naboene spiller høy musikk sent på natten, og jeg får ikke sove.", cs: "Sousedé pouštějí pozdě v noci hlasitou hudbu a já nemůžu spát.", hr: "Susjedi kasno noću puštaju glasnu glazbu i ne mogu spavati.", fi: "Naapurit soittavat kovaa musiikkia myöhään yöllä, enkä saa unta.", hu: "A szomszédok késő éjjel hangos zenét játszanak, és nem tudok aludni." } },
  { name: 'doctor', en: 'the doctor prescribed medicine twice a day', notes: { ko: "의사는 이 약을 하루에 두 번 먹으라고 했다.", ru: "Врач сказал, что мне нужно принимать это лекарство два раза в день.", uk: "Лікар сказав, що мені треба приймати ці ліки двічі на день.", ar: "قال الطبيب إنه يجب أن آخذ هذا الدواء مرتين في اليوم.", el: "Ο γιατρός είπε ότι πρέπει να παίρνω αυτό το φάρμακο δύο φορές την ημέρα.", hi: "डॉक्टर ने कहा कि मुझे यह दवा दिन में दो बार लेनी चाहिए।", tr: "Doktor bu ilacı günde iki kez almam gerektiğini söyledi.", pl: "Lekarz powiedział, że powinienem brać ten lek dwa razy dziennie.", nl: "De dokter zei dat ik dit medicijn twee keer per dag moet innemen.", id: "Dokter bilang saya harus minum obat ini dua kali sehari.", sv: "Läkaren sa att jag ska ta den här medicinen två gånger om dagen.", da: "Lægen sagde, at jeg skal tage denne medicin to gange om dagen.", no: "Legen sa at jeg skal ta denne medisinen to ganger om dagen.", cs: "Lékař řekl, že mám brát tento lék dvakrát denně.", hr: "Liječnik je rekao da ovaj lijek trebam uzimati dvaput dnevno.", fi: "Lääkäri sanoi, että minun pitää ottaa tätä lääkettä kaksi kertaa päivässä.", hu: "Az orvos azt mondta, hogy ezt a gyógyszert naponta kétszer kell bevennem." } },
  { name: 'profits', en: 'company profits grew thanks to exports', notes: { ko: "그 회사는 수출 덕분에 올해 이익이 증가했다고 발표했다.", ru: "Компания сообщила о росте прибыли в этом году благодаря экспорту.", uk: "Компанія повідомила про зростання прибутку цього року завдяки експорту.", ar: "أعلنت الشركة عن أرباح أعلى هذا العام بفضل الصادرات.", el: "Η εταιρεία ανακοίνωσε υψηλότερα κέρδη φέτος χάρη στις εξαγωγές.", hi: "कंपनी ने निर्यात के कारण इस साल अधिक लाभ की घोषणा की।", tr: "Şirket ihracat sayesinde bu yıl daha yüksek kâr açıkladı.", pl: "Firma odnotowała wyższe zyski w tym roku dzięki eksportowi.", nl: "Het bedrijf meldde dit jaar hogere winsten dankzij de export.", id: "Perusahaan melaporkan keuntungan lebih tinggi tahun ini berkat ekspor.", sv: "Företaget redovisade högre vinst i år tack vare exporten.", da: "Virksomheden rapporterede højere overskud i år takket være eksporten.", no: "Selskapet rapporterte høyere overskudd i år takket være eksporten.", cs: "Firma letos vykázala vyšší zisk díky exportu.", hr: "Tvrtka je ove godine prijavila veću dobit zahvaljujući izvozu.", fi: "Yhtiö raportoi tänä vuonna suuremman voiton viennin ansiosta.", hu: "A cég idén magasabb nyereséget jelentett az exportnak köszönhetően." } },
  { name: 'piano', en: 'my daughter learns piano at school', notes: { ko: "내 딸은 학교에서 피아노 치는 법을 배우고 있다.", ru: "Моя дочь учится играть на пианино в школе.", uk: "Моя донька вчиться грати на піаніно в школі.", ar: "ابنتي تتعلم العزف على البيانو في المدرسة.", el: "Η κόρη μου μαθαίνει πιάνο στο σχολείο.", hi: "मेरी बेटी स्कूल में पियानो बजाना सीख रही है।", tr: "Kızım okulda piyano çalmayı öğreniyor.", pl: "Moja córka uczy się grać na pianinie w szkole.", nl: "Mijn dochter leert piano spelen op school.", id: "Putri saya sedang belajar bermain piano di sekolah.", sv: "Min dotter lär sig spela piano i skolan.", da: "Min datter lærer at spille klaver i skolen.", no: "Datteren min lærer å spille piano på skolen.", cs: "Moje dcera se ve škole učí hrát na klavír.", hr: "Moja kći u školi uči svirati klavir.", fi: "Tyttäreni opettelee soittamaan pianoa koulussa.", hu: "A lányom az iskolában zongorázni tanul." } },
  { name: 'flood', en: 'the river flooded the village after rain', notes: { ko: "일주일 내내 비가 와서 강물이 마을을 덮쳤다.", ru: "Всю неделю шёл дождь, и река затопила деревню.", uk: "Увесь тиждень ішов дощ, і річка затопила село.", ar: "أمطرت طوال الأسبوع وأغرق النهر القرية.", el: "Έβρεχε όλη την εβδομάδα και το ποτάμι πλημμύρισε το χωριό.", hi: "पूरे सप्ताह बारिश हुई और नदी ने गाँव को डुबा दिया।", tr: "Bütün hafta yağmur yağdı ve nehir köyü sular altında bıraktı.", pl: "Przez cały tydzień padał deszcz i rzeka zalała wieś.", nl: "Het regende de hele week en de rivier overstroomde het dorp.", id: "Hujan turun sepanjang minggu dan sungai membanjiri desa.", sv: "Det regnade hela veckan och floden översvämmade byn.", da: "Det regnede hele ugen, og floden oversvømmede landsbyen.", no: "Det regnet hele uken, og elven oversvømte landsbyen.", cs: "Celý týden pršelo a řeka zaplavila vesnici.", hr: "Cijeli tjedan je padala kiša i rijeka je poplavila selo.", fi: "Satoi koko viikon ja joki tulvi kylään.", hu: "Egész héten esett az eső, és a folyó elárasztotta a falut." } },
  { name: 'meeting', en: 'client meeting moved to Thursday afternoon', notes: { ko: "고객과의 회의가 목요일 오후로 옮겨졌다.", ru: "Встречу с клиентом перенесли на вечер четверга.", uk: "Зустріч із клієнтом перенесли на четвер після обіду.", ar: "تم نقل الاجتماع مع العميل إلى بعد ظهر يوم الخميس.", el: "Η συνάντηση με τον πελάτη μεταφέρθηκε την Πέμπτη το απόγευμα.", hi: "ग्राहक के साथ बैठक गुरुवार दोपहर को कर दी गई है।", tr: "Müşteriyle toplantı perşembe öğleden sonraya ertelendi.", pl: "Spotkanie z klientem zostało przeniesione na czwartek po południu.", nl: "De vergadering met de klant is verplaatst naar donderdagmiddag.", id: "Rapat dengan klien dipindahkan ke hari Kamis sore.", sv: "Mötet med kunden flyttades till torsdag eftermiddag.", da: "Mødet med kunden blev flyttet til torsdag eftermiddag.", no: "Møtet med kunden ble flyttet til torsdag ettermiddag.", cs: "Schůzka s klientem byla přesunuta na čtvrtek odpoledne.", hr: "Sastanak s klijentom premješten je na četvrtak poslijepodne.", fi: "Kokous asiakkaan kanssa siirrettiin torstai-iltapäivään.", hu: "Az ügyféllel való találkozót csütörtök délutánra tették át." } },
  { name: 'election', en: 'the government announces the election results', notes: { ko: "선거 결과는 내일 정부가 발표할 것이다.", ru: "Результаты выборов правительство объявит завтра.", uk: "Результати виборів уряд оголосить завтра.", ar: "ستعلن الحكومة نتائج الانتخابات غدا.", el: "Τα αποτελέσματα των εκλογών θα ανακοινωθούν αύριο από την κυβέρνηση.", hi: "सरकार कल चुनाव के परिणाम घोषित करेगी।", tr: "Seçim sonuçları yarın hükümet tarafından açıklanacak.", pl: "Wyniki wyborów zostaną ogłoszone jutro przez rząd.", nl: "De verkiezingsuitslagen worden morgen door de regering bekendgemaakt.", id: "Hasil pemilu akan diumumkan oleh pemerintah besok.", sv: "Valresultatet kommer att meddelas av regeringen i morgon.", da: "Valgresultatet vil blive offentliggjort af regeringen i morgen.", no: "Valgresultatet blir kunngjort av regjeringen i morgen.", cs: "Výsledky voleb zítra oznámí vláda.", hr: "Rezultate izbora sutra će objaviti vlada.", fi: "Hallitus julkistaa vaalien tulokset huomenna.", hu: "A választások eredményét holnap hirdeti ki a kormány." } },
  { name: 'library', en: 'the library closes early on Sundays', notes: { ko: "방학 동안 도서관은 일요일에 일찍 문을 닫는다.", ru: "Во время каникул библиотека по воскресеньям закрывается рано.", uk: "Під час канікул бібліотека по неділях зачиняється рано.", ar: "تغلق المكتبة مبكرا يوم الأحد خلال العطلات.", el: "Η βιβλιοθήκη κλείνει νωρίς τις Κυριακές κατά τη διάρκεια των διακοπών.", hi: "छुट्टियों के दौरान पुस्तकालय रविवार को जल्दी बंद हो जाता है।", tr: "Kütüphane tatillerde pazar günleri erken kapanıyor.", pl: "Biblioteka w czasie wakacji zamyka się wcześnie w niedziele.", nl: "De bibliotheek sluit tijdens de vakantie vroeg op zondag.", id: "Perpustakaan tutup lebih awal pada hari Minggu selama liburan.", sv: "Biblioteket stänger tidigt på söndagar under lovet.", da: "Biblioteket lukker tidligt om søndagen i ferien.", no: "Biblioteket stenger tidlig på søndager i ferien.", cs: "Knihovna o prázdninách zavírá v neděli brzy.", hr: "Knjižnica se tijekom praznika nedjeljom rano zatvara.", fi: "Kirjasto sulkeutuu aikaisin sunnuntaisin lomien aikana.", hu: "A könyvtár a szünidőben vasárnaponként korán bezár." } }
]

/** Topics (of 8) whose note an English query finds first among its language's notes, per language; chance is 1. */
const BARS: Record<Language, number> = { ko: 5, ru: 8, uk: 7, ar: 8, el: 8, 'el-caps': 8, hi: 8, tr: 8, pl: 7, nl: 7, id: 8, sv: 6, da: 6, no: 8, cs: 8, hr: 8, fi: 6, hu: 5 }

describe('semnote-lite-multi: notes in 17 more languages', () => {
  it('an English query finds its topic\'s note first among each language\'s notes (semantic and hybrid); a Korean query finds the Russian note', async () => {
    const notes = temp.make('more-languages-notes')
    for (const topic of TOPICS) {
      for (const language of LANGUAGES) writeFileSync(join(notes, `${topic.name}.${language}.md`), noteOf(topic, language) + '\n')
    }
    const engine = await Engine.open({ dataDir: temp.make('more-languages-data'), modelDirs: [MODELS], watch: false })
    try {
      await engine.call('addRoots', { paths: [notes] })
      await engine.whenSettled()
      const firstIn = (hits: { path: string }[], language: string): string | undefined => hits.find((hit) => hit.path.endsWith(`.${language}.md`))?.path
      const found = { semantic: countsOf(), hybrid: countsOf(), koreanToRussian: 0, keywordGreekCapitals: 0, greekWithoutAccents: 0, greekToCapitals: 0 }
      for (const topic of TOPICS) {
        for (const mode of ['semantic', 'hybrid'] as const) {
          const hits = (await engine.call('search', { query: topic.en, mode, limit: 50 })).hits
          for (const language of LANGUAGES) if (firstIn(hits, language) === join(notes, `${topic.name}.${language}.md`)) found[mode][language]++
        }
        if (firstIn((await engine.call('search', { query: topic.notes.ko, mode: 'hybrid', limit: 50 })).hits, 'ru') === join(notes, `${topic.name}.ru.md`)) found.koreanToRussian++
        const keywordHits = (await engine.call('search', { query: topic.en, mode: 'keyword', limit: 50 })).hits
        if (firstIn(keywordHits, 'el-caps') === join(notes, `${topic.name}.el-caps.md`)) found.keywordGreekCapitals++
        // A Greek query typed without accents finds the accented note by keyword, and an accented one the note in capitals.
        const typedWithoutAccents = topic.notes.el.normalize('NFD').replace(/\u0301/g, '').normalize('NFC')
        if (firstIn((await engine.call('search', { query: typedWithoutAccents, mode: 'keyword', limit: 50 })).hits, 'el') === join(notes, `${topic.name}.el.md`)) found.greekWithoutAccents++
        if (firstIn((await engine.call('search', { query: topic.notes.el, mode: 'keyword', limit: 50 })).hits, 'el-caps') === join(notes, `${topic.name}.el-caps.md`)) found.greekToCapitals++
      }
      // Before the pack read these languages: Russian 4 of 8, Swedish 5, Danish 4, Turkish, Dutch and Norwegian 3,
      // Polish, Indonesian and Czech 2, the others 0-2 (chance is 1). Korean reads only its words of Chinese origin
      // (native words hash), and Finnish and Hungarian words keep endings the pack does not undo, so some topics are
      // missed; Dutch misses one (FreeDict's Dutch lacks "bedrijf", company), Swedish and Danish two. The Greek notes in
      // capitals (no accents) were found 2 of 8 before the pack's greekAccents setting read their words, the Ukrainian
      // notes 2 of 8 (semantic) and 3 (hybrid) before the pack read Ukrainian, 7 and 8 since. With 17 languages in one index the
      // translated query keeps about 4 terms per language (TRANSLATION_LIMITS.maxTerms is 64 in all), so Ukrainian's
      // terms took one Polish term of the doctor topic: hybrid Polish 8 -> 7 (semantic stays 8).
      for (const mode of ['semantic', 'hybrid'] as const) {
        for (const language of LANGUAGES) expect(found[mode][language], `${mode}, ${language}`).toBeGreaterThanOrEqual(BARS[language])
      }
      expect(found.koreanToRussian).toBe(TOPICS.length)
      // Keyword search finds them through the translations' spellings without accents (0 of 8 before).
      expect(found.keywordGreekCapitals).toBeGreaterThanOrEqual(7)
      expect([found.greekWithoutAccents, found.greekToCapitals]).toEqual([TOPICS.length, TOPICS.length])
    } finally {
      await engine.close()
    }
  })
})

function noteOf(topic: (typeof TOPICS)[number], language: Language): string {
  return language === 'el-caps' ? topic.notes.el.normalize('NFD').replace(/\u0301/g, '').normalize('NFC').toUpperCase() : topic.notes[language]
}

function countsOf(): Record<Language, number> {
  return { ko: 0, ru: 0, uk: 0, ar: 0, el: 0, 'el-caps': 0, hi: 0, tr: 0, pl: 0, nl: 0, id: 0, sv: 0, da: 0, no: 0, cs: 0, hr: 0, fi: 0, hu: 0 }
}
