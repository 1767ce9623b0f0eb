// readCldrKorean on a tiny CLDR tree: display names matched by key, one-word emoji names, and keywords aligned by competitive linking.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readCldrKorean } from '../../scripts/lite-pack/cldr'
import { tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** An annotations file: [emoji, keywords, spoken name] per emoji. */
function annotations(rows: [string, string, string][]): string {
  const lines = rows.flatMap(([emoji, keywords, name]) => [
    `<annotation cp="${emoji}">${keywords}</annotation>`,
    `<annotation cp="${emoji}" type="tts">${name}</annotation>`
  ])
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<ldml><annotations>\n${lines.join('\n')}\n</annotations></ldml>\n`
}

/** A main locale file with a language, a territory (and an alternative name of it) and the relative days. */
function locale(names: { language: string; territory: string; territoryShort: string; days: [string, string, string] }): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<ldml><localeDisplayNames>
<languages><language type="ar">${names.language}</language></languages>
<territories><territory type="FR">${names.territory}</territory><territory type="GB" alt="short">${names.territoryShort}</territory></territories>
</localeDisplayNames><dates><fields><field type="day"><displayName>x</displayName>
<relative type="-1">${names.days[0]}</relative><relative type="0">${names.days[1]}</relative><relative type="1">${names.days[2]}</relative>
</field></fields></dates></ldml>
`
}

function writeCldr(): string {
  const dir = temp.make('cldr')
  mkdirSync(join(dir, 'annotations'))
  mkdirSync(join(dir, 'main'))
  writeFileSync(
    join(dir, 'annotations', 'en.xml'),
    annotations([
      ['🍎', 'apple | fruit | red', 'red apple'],
      ['🍏', 'apple | fruit | green', 'green apple'],
      ['🍌', 'banana | fruit', 'banana'],
      ['🍇', 'fruit | grape', 'grapes'],
      ['☕', 'beverage | coffee | steaming', 'hot beverage'],
      ['🍵', 'beverage | steaming | tea', 'teacup'],
      ['🥤', 'beverage | cup', 'cup'],
      ['🦔', 'hedgehog | spiny', 'hedgehog'],
      ['🐪', 'camel | dromedary | hump', 'camel'],
      ['🐫', 'bactrian | camel | hump', 'two-hump camel']
    ])
  )
  writeFileSync(
    join(dir, 'annotations', 'ko.xml'),
    annotations([
      ['🍎', '과일 | 빨간 사과', '빨간 사과'],
      ['🍏', '과일 | 초록 사과', '초록 사과'],
      ['🍌', '과일 | 바나나', '바나나'],
      ['🍇', '과일 | 포도', '포도'],
      ['☕', '뜨거운 음료 | 커피', '뜨거운 음료'],
      ['🍵', '뜨거운 음료 | 찻잔', '찻잔'],
      ['🥤', '음료 | 종이컵 | 컵', '종이컵 음료'],
      ['🦔', '고슴도치 | 동물', '고슴도치'],
      ['🐪', '낙타 | 동물', '낙타'],
      ['🐫', '낙타 | 동물 | 쌍봉낙타', '쌍봉낙타']
    ])
  )
  writeFileSync(join(dir, 'main', 'en.xml'), locale({ language: 'Arabic', territory: 'France', territoryShort: 'UK', days: ['yesterday', 'today', 'tomorrow'] }))
  writeFileSync(join(dir, 'main', 'ko.xml'), locale({ language: '아랍어', territory: '프랑스', territoryShort: '영국', days: ['어제', '오늘', '내일'] }))
  return dir
}

describe('readCldrKorean', () => {
  const entries = new Map(readCldrKorean(writeCldr(), new Set(['오늘'])).map((entry) => [entry.word, entry.glosses]))

  it('reads display names by their key, leaving out alternative names and stop words', () => {
    expect(entries.get('프랑스')).toEqual(['france'])
    expect(entries.get('아랍어')).toEqual(['arabic'])
    expect(entries.get('어제')).toEqual(['yesterday'])
    expect(entries.get('내일')).toEqual(['tomorrow'])
    expect(entries.has('오늘')).toBe(false)
    expect(entries.has('영국')).toBe(false)
  })

  it('reads the spoken names that are one word in both languages', () => {
    expect(entries.get('바나나')).toEqual(['banana'])
    expect(entries.get('고슴도치')).toEqual(['hedgehog'])
    expect(entries.get('낙타')).toEqual(['camel'])
    expect(entries.has('쌍봉낙타')).toBe(false)
  })

  it('links keywords one to one, most associated first, and keeps the links made in every emoji of both words or in two at least', () => {
    // 과일 takes "fruit" in each fruit, which leaves "apple" to 사과 in both apples.
    expect(entries.get('과일')).toEqual(['fruit'])
    expect(entries.get('사과')).toEqual(['apple'])
    expect(entries.get('빨간')).toEqual(['red'])
    // By its spoken name; its keywords tie between "grape" and "grapes" (the English name's word).
    expect(entries.get('포도')).toEqual(['grapes'])
    // "steaming" annotates the two hot drinks, as 뜨거운 (hot) does. 커피 annotates ☕ alone, as "coffee" and "hot" (of
    // its spoken name) do: a tie, so it is not read.
    expect(entries.get('뜨거운')).toEqual(['steaming'])
    expect(entries.get('커피')).toBeUndefined()
    expect(entries.get('음료')).toEqual(['beverage'])
    // By its spoken name only: its keywords tie between "tea" and "teacup" (🍵 alone).
    expect(entries.get('찻잔')).toEqual(['teacup'])
    // 쌍봉낙타 ties between "bactrian" and "two-hump" (🐫 alone): linked to neither. 동물 (animal) annotates the three
    // animals, and ties between their English words: no link, and "hump", which 낙타 left, is not taken by it.
    expect(entries.get('동물')).toBeUndefined()
    // A link made once, in the one emoji each of the two annotates (🥤: 종이컵, paper cup; "cup" here), is read.
    expect(entries.get('종이컵')).toEqual(['cup'])
    // One syllable is too ambiguous to read (개 is a dog and the counter of things).
    expect(entries.has('컵')).toBe(false)
  })
})
