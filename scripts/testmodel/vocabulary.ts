// Word and character lists for the test tokenizer: Latin-script words, Cyrillic, Chinese, Japanese, a few emoji.

/** Whole words (get a "▁" word-start piece each). */
export const WORDS = `
the of and to in a is that for it as was with be by on not he i this are or his from at which but have an they you were
her she there been one all we their has would when if so no will can more about my what up said out into your some
do did than them me only other its new time could these two may first then any like our how now over also after back
use well just where most know because good through year people way see much very day make get go work life world
query passage note notes meeting meetings project projects plan plans budget report reports idea ideas task tasks list lists draft
search find found file files folder folders book books read reading write writing recipe recipes cook cooking food
travel trip train flight hotel city cities country home house family friend friends school student students teacher
learn learning machine model models data language languages english german french spanish chinese japanese korean
text texts word words meaning semantic question questions answer answers health doctor medicine weather rain sun
cat cats dog dogs bird birds tree trees water fire music song songs movie film art history science math code coding
computer software program programs bug bugs fix test tests release version team office money price market bank
morning evening night today tomorrow yesterday week month monday friday summer winter spring autumn love happy sad
hello world thank thanks please sorry yes big small old young long short high low right left open close start end
quick brown fox jumps lazy garden coffee tea bread cheese apple apples orange banana car bike road street river sea
mountain lake forest phone email call message letter paper pen desk chair table window door room kitchen bed sleep
der die das und ist nicht ein eine mit auf für von zu den dem im sie es ich wir haben sein wird sind auch noch
le la les et est un une des du en que qui pour pas dans sur avec il elle nous vous je ce cette mais plus
el los las y es un una de del que en por para con no se lo como pero más muy su al
в и не на я что с он как это по но из у за от так же все она мы вы
`
  .split(/\s+/)
  .filter(Boolean)

/** Word-internal pieces (no "▁"): suffixes and frequent fragments. */
export const SUBWORDS = `
s es ed ing er ers est ly tion tions ment ments ness able ful less ous ive al ic ist ism ity en ung ungen heit keit
lich isch chen te ten st re de un pre ation ations ize ized izing th ch sh ph qu an in on or ar ir ur at it et
`
  .split(/\s+/)
  .filter(Boolean)

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LATIN_EXTRA = 'àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœÀÁÂÄÇÈÉÊÑÖÜ'
const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'
const DIGITS_AND_PUNCTUATION = `0123456789.,;:!?'"()[]{}-_/\\@#$%&*+=<>|~\`^…—–«»„“”‘’·•、。，！？：；（）「」『』・ー`

/** Single characters (each also gets a "▁"-prefixed variant when it can start a word). */
export const LATIN_CHARACTERS = [...ASCII_LETTERS, ...LATIN_EXTRA, ...CYRILLIC, ...DIGITS_AND_PUNCTUATION]

/** Common Chinese characters (simplified and a few traditional). */
export const CHINESE_CHARACTERS = [
  ...`的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领`,
  ...`搜索笔记会议项目预算计划语言学习机器模型文本意义问题答案健康医生天气音乐电影历史科学数学代码软件程序测试版本团队办公钱价格市场银行早晚今明昨周春夏秋冬喜欢快乐悲伤你好谢对不起猫狗鸟树火茶咖啡面包苹果城乡旅行飞酒店朋友家庭学校老师学生读写书文件夹找`,
  ...`語習書東會議時間們這個來說國過還見`
]

/** Chinese words (multi-character pieces). */
export const CHINESE_WORDS = `
我们 你们 他们 中国 中文 北京 上海 今天 明天 昨天 时间 问题 工作 学习 学生 老师 朋友 东西 知道 因为 所以 但是 可以 没有
什么 这个 那个 现在 已经 非常 喜欢 语言 机器 机器学习 模型 文本 意义 搜索 笔记 会议 项目 预算 计划 答案 健康 医生 天气
音乐 电影 历史 科学 数学 代码 软件 程序 测试 版本 团队 办公室 价格 市场 银行 旅行 飞机 酒店 家庭 学校 文件 文件夹 咖啡
面包 苹果 城市 国家 世界 生活 自己 一个 不是 没有 就是 还是 这样 怎么 为什么 谢谢 你好 对不起 早上 晚上 周末 春天 冬天
`
  .split(/\s+/)
  .filter(Boolean)

const HIRAGANA = 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろわをん'
const KATAKANA = 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロワヲンヴ'
const JAPANESE_KANJI = `日本語私会議東京大阪時間今日明日昨日予定仕事学校先生友達電車駅食事料理寿司新聞雨晴猫犬花桜山川海空雪夏冬春秋朝夜週末旅行映画音楽読書検索機械学習文書意味質問答`

/** Japanese kana and kanji characters. */
export const JAPANESE_CHARACTERS = [...HIRAGANA, ...KATAKANA, ...JAPANESE_KANJI]

/** Japanese words and grammatical pieces. */
export const JAPANESE_WORDS = `
です ます でした ました ません ではない ください ありがとう ございます こんにちは こんばんは おはよう すみません
これ それ あれ ここ そこ どこ 私 日本 日本語 東京 大阪 会議 予定 仕事 学校 先生 友達 電車 食事 料理 寿司 映画 音楽
読書 検索 機械学習 意味 質問 今日 明日 昨日 週末 旅行 コーヒー メモ ノート プロジェクト テスト データ モデル コンピュータ
の は が を に で と も へ から まで より する した して します ある いる なる
`
  .split(/\s+/)
  .filter(Boolean)

/** A few emoji the vocabulary knows (others become <unk>). */
export const EMOJI = ['😀', '😂', '🎉', '👍', '❤', '🔥', '🙂', '📝']
