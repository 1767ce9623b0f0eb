// The bundled lite pack reads everyday Korean written in native words and loanwords (고양이, 어제, 바나나), not only words of Chinese origin.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { tempFolders } from '../engine/helpers'

const MODELS = resolve(__dirname, '..', '..', 'resources', 'models')
const temp = tempFolders()
afterAll(() => temp.cleanup())

/**
 * One everyday topic: an English note or query and its Korean counterpart, written for this test about things CLDR's
 * emoji name (animals, food, weather, family, transport), so it shows what the pack reads rather than a sample of Korean.
 */
const TOPICS: { name: string; en: string; ko: string }[] = [
  { name: 'cat', en: 'our cat sleeps on the sofa all day', ko: '우리 고양이는 하루 종일 소파 위에서 잠만 잔다.' },
  { name: 'fruit', en: 'bought apples and bananas at the market', ko: '시장에서 사과랑 바나나를 샀어요.' },
  { name: 'weather', en: 'it was cold and windy yesterday evening', ko: '어제 저녁에는 바람이 많이 불고 추웠다.' },
  { name: 'puppy', en: 'walking the puppy in the park every morning', ko: '매일 아침 공원에서 강아지를 산책시킨다.' },
  { name: 'bicycle', en: 'my bicycle tire went flat on the way to work', ko: '출근길에 자전거 바퀴에 펑크가 났다.' },
  { name: 'birthday', en: "we baked a strawberry cake for grandma's birthday", ko: '할머니 생신에 딸기 케이크를 구웠다.' },
  { name: 'keys', en: 'I lost my keys and wallet on the bus', ko: '버스에서 열쇠랑 지갑을 잃어버렸다.' },
  { name: 'rainbow', en: 'a rainbow appeared after the thunder and rain', ko: '천둥과 비가 그친 뒤에 무지개가 떴다.' }
]

describe('semnote-lite-multi: everyday Korean', () => {
  it('English queries find the Korean note of their topic, and Korean queries the English note (hybrid)', async () => {
    const notes = temp.make('korean-everyday-notes')
    for (const topic of TOPICS) {
      writeFileSync(join(notes, `${topic.name}.ko.md`), topic.ko + '\n')
      writeFileSync(join(notes, `${topic.name}.en.md`), topic.en + '\n')
    }
    const engine = await Engine.open({ dataDir: temp.make('korean-everyday-data'), modelDirs: [MODELS], watch: false })
    try {
      await engine.call('addRoots', { paths: [notes] })
      await engine.whenSettled()
      const firstIn = async (query: string, lang: 'ko' | 'en') =>
        (await engine.call('search', { query, mode: 'hybrid', limit: 50 })).hits.find((hit) => hit.path.endsWith(`.${lang}.md`))?.path
      let englishToKorean = 0
      let koreanToEnglish = 0
      for (const topic of TOPICS) {
        if ((await firstIn(topic.en, 'ko')) === join(notes, `${topic.name}.ko.md`)) englishToKorean++
        if ((await firstIn(topic.ko, 'en')) === join(notes, `${topic.name}.en.md`)) koreanToEnglish++
      }
      // Chance is 1 of 8 each way. Before the pack read CLDR's Korean words (schema v15): 3 and 5, through words of
      // Chinese origin (시장 market, 공원 park, 생일 birthday, 자전거 bicycle). With them (v16): 8 and 8.
      expect(englishToKorean, 'English query -> Korean note').toBeGreaterThanOrEqual(7)
      expect(koreanToEnglish, 'Korean query -> English note').toBeGreaterThanOrEqual(7)
    } finally {
      await engine.close()
    }
  })
})
