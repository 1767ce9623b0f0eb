// The typed-array vocabulary: the same answers as a Map of its words (first duplicate wins), for any words.
import { describe, expect, it } from 'vitest'
import { Vocabulary } from '../../src/main/engine/model/vocabulary'
import { rng } from '../helpers/rng'

/** The reference: what the tokenizer used before, a Map filled in id order that keeps the first id of a word. */
function mapOf(words: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>()
  words.forEach((word, id) => ids.has(word) || ids.set(word, id))
  return ids
}

describe('Vocabulary', () => {
  it('finds every word, keeps the first id of duplicates and finds nothing else', () => {
    const words = ['[pad]', '[unk]', 'music', '音乐', 'うるさい', '', 'music', 'naïve', '𠮷野家', 'Music', 'musi']
    const vocabulary = Vocabulary.fromWords(words)
    const reference = mapOf(words)
    expect(vocabulary.size).toBe(words.length)
    for (const word of [...words, 'musics', 'mus', 'MUSIC', '音', '𠮷', 'naive', ' ']) expect(vocabulary.get(word), word).toBe(reference.get(word))
  })

  it('reads one word per line like split("\\n") without the final empty line', () => {
    for (const text of ['a\nb\n', 'a\nb', '\n', '', 'a\n\nb\n\n']) {
      const words = text.split('\n')
      if (words[words.length - 1] === '') words.pop()
      const vocabulary = Vocabulary.fromLines(text)
      expect(vocabulary.size, JSON.stringify(text)).toBe(words.length)
      for (const word of [...words, 'c']) expect(vocabulary.get(word)).toBe(mapOf(words).get(word))
    }
  })

  it('agrees with a Map on many random words (hash collisions and probing included)', () => {
    const random = rng(7)
    const alphabet = [...'abcdeéß音乐夜𠮷 ']
    const word = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    const words = Array.from({ length: 20_000 }, word)
    const vocabulary = Vocabulary.fromWords(words)
    const reference = mapOf(words)
    const probes = [...words, ...Array.from({ length: 20_000 }, word)]
    const mismatches = probes.filter((probe) => vocabulary.get(probe) !== reference.get(probe))
    expect(mismatches).toEqual([])
    // The same lookups inside a longer text, without making the word's string.
    const text = probes.join('|')
    let at = 0
    const inPlace = probes.filter((probe) => {
      const found = vocabulary.getRange(text, at, at + probe.length)
      at += probe.length + 1
      return found !== reference.get(probe)
    })
    expect(inPlace).toEqual([])
  })
})
