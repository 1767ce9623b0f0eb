// Hugging Face tokenizer wrapper: same ids as @huggingface/tokenizers on whole texts, truncation keeping </s>, dispatch errors.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Tokenizer } from '@huggingface/tokenizers'
import { createHuggingFaceTokenizer } from '../../src/main/engine/model/huggingface-tokenizer'
import type { TextTokenizer } from '../../src/main/engine/model/tokenizer'
import { getTinyPack } from '../helpers/test-model'

const WORDS = ['note', 'meeting', '会议', 'travel', 'データ', 'Größe', '😀', 'x', 'budget,', '我喜欢机器学习']

/** A long text with varied whitespace (runs of spaces, tabs, newlines) and long runs without any. */
function longText(seed: number): string {
  const parts: string[] = []
  for (let i = 0; i < 900; i++) {
    parts.push(WORDS[(i * 7 + seed) % WORDS.length]!)
    parts.push(['', ' ', '  ', '\n', '\t ', '   \n\n'][(i * 3 + seed) % 6]!)
  }
  return parts.join('') + (seed % 2 ? '  ' : '')
}

describe('Hugging Face tokenizer', () => {
  let reference: Tokenizer
  let tokenizer: TextTokenizer

  beforeAll(async () => {
    const dir = await getTinyPack()
    const read = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8'))
    reference = new Tokenizer(await read('tokenizer.json'), await read('tokenizer_config.json'))
    tokenizer = await createHuggingFaceTokenizer(join(dir, 'tokenizer.json'), join(dir, 'tokenizer_config.json'))
  })

  it('encodes like @huggingface/tokenizers, including long texts tokenized piecewise', () => {
    const texts = ['', 'hello world', '東京で会議があります', ...[0, 1, 2, 3].map(longText), '中'.repeat(2500)]
    for (const text of texts) {
      const expected = reference.encode(text).ids
      expect(tokenizer.count(text)).toBe(expected.length)
      expect(tokenizer.encode(text, Number.POSITIVE_INFINITY)).toEqual(expected)
    }
  })

  it('truncates to maxTokens keeping the final special token', () => {
    const text = longText(5)
    const full = reference.encode(text).ids
    const ids = tokenizer.encode(text, 64)
    expect(ids).toHaveLength(64)
    expect(ids.slice(0, 63)).toEqual(full.slice(0, 63))
    expect(ids[63]).toBe(2)
    expect(tokenizer.encode('', 64)).toEqual([0, 2])
  })

  it('knows its pad id and largest id', () => {
    expect(tokenizer.padId).toBe(1)
    expect(tokenizer.maxId).toBe(Math.max(...reference.get_vocab(true).values()))
  })

  it('rejects a tokenizer file that is not JSON, naming it', async () => {
    await expect(createHuggingFaceTokenizer('/nonexistent/tokenizer.json')).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('/nonexistent/tokenizer.json')
    })
  })
})
