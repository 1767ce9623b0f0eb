// Writes an XLM-R-style tokenizer.json (Unigram + Metaspace) and tokenizer_config.json over a small multilingual vocabulary.
import { SeededRandom } from './random'
import {
  CHINESE_CHARACTERS,
  CHINESE_WORDS,
  EMOJI,
  JAPANESE_CHARACTERS,
  JAPANESE_WORDS,
  LATIN_CHARACTERS,
  SUBWORDS,
  WORDS
} from './vocabulary'

const WORD_START = '▁'
/** XLM-R's special tokens and their ids (<mask> is appended last). */
const SPECIAL_TOKENS = ['<s>', '<pad>', '</s>', '<unk>'] as const
export const PAD_ID = 1
const UNK_ID = 3

/** The files of a tokenizer, as JSON values, plus facts the pack writer needs. */
export interface GeneratedTokenizer {
  tokenizerJson: object
  tokenizerConfigJson: object
  vocabSize: number
}

/** Ordered, de-duplicated pieces with Unigram log-probability scores (longer pieces score higher). */
function scoredPieces(random: SeededRandom): Array<[string, number]> {
  const pieces = new Map<string, number>()
  const add = (piece: string, base: number): void => {
    if (!pieces.has(piece)) pieces.set(piece, base - random.next())
  }
  add(WORD_START, -3)
  for (const word of WORDS) add(WORD_START + word, -6 + Math.min(word.length, 4) * 0.25)
  for (const word of CHINESE_WORDS) add(word, -7)
  for (const word of JAPANESE_WORDS) add(word, -7)
  for (const piece of SUBWORDS) add(piece, -8)
  for (const character of LATIN_CHARACTERS) {
    add(character, -10)
    if (/[\p{L}\p{N}]/u.test(character)) add(WORD_START + character, -10)
  }
  for (const character of [...CHINESE_CHARACTERS, ...JAPANESE_CHARACTERS]) add(character, -9)
  for (const emoji of EMOJI) add(emoji, -11)
  return [...pieces.entries()]
}

/** Builds the tokenizer files; `modelMaxLength` goes into tokenizer_config.json (truncation length of reference tools). */
export function buildTokenizer(seed: number, modelMaxLength: number): GeneratedTokenizer {
  const random = new SeededRandom(seed)
  const vocab: Array<[string, number]> = [
    ...SPECIAL_TOKENS.map((token): [string, number] => [token, 0]),
    ...scoredPieces(random),
    ['<mask>', 0]
  ]
  const maskId = vocab.length - 1
  const special = (content: string, id: number): object => ({
    id,
    content,
    single_word: false,
    lstrip: content === '<mask>',
    rstrip: false,
    normalized: false,
    special: true
  })
  const metaspace = { type: 'Metaspace', replacement: WORD_START, prepend_scheme: 'always', split: true }
  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...SPECIAL_TOKENS.map((token, id) => special(token, id)), special('<mask>', maskId)],
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }]
    },
    pre_tokenizer: metaspace,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } }
      ],
      special_tokens: {
        '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] }
      }
    },
    decoder: metaspace,
    model: { type: 'Unigram', unk_id: UNK_ID, vocab, byte_fallback: false }
  }
  const tokenizerConfigJson = {
    bos_token: '<s>',
    cls_token: '<s>',
    eos_token: '</s>',
    sep_token: '</s>',
    pad_token: '<pad>',
    unk_token: '<unk>',
    mask_token: '<mask>',
    clean_up_tokenization_spaces: true,
    model_max_length: modelMaxLength,
    tokenizer_class: 'XLMRobertaTokenizer'
  }
  return { tokenizerJson, tokenizerConfigJson, vocabSize: vocab.length }
}
