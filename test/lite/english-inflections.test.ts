// WordNet's detachment rules read English inflections to their lemmas, in morphy's order, and leave lemmas and short words alone.
import { describe, expect, it } from 'vitest'
import { englishInflections, englishLemmaReadings } from '../../scripts/lite-pack/english-inflections'

const LEMMAS = {
  noun: new Set(['ad', 'file', 'box', 'alderman', 'city', 'ax', 'axe', 'glasses', 'glass', 'node']),
  verb: new Set(['file', 'box', 'ax', 'axe', 'type', 'hop', 'hope', 'nod', 'wish', 'go']),
  adj: new Set(['dense', 'wide'])
}

describe('english inflections (morphy)', () => {
  it('reads plurals, verb forms and comparatives to their WordNet lemmas', () => {
    const entries = englishInflections(['files', 'boxes', 'aldermen', 'cities', 'axed', 'typed', 'hoping', 'densest', 'wider', 'nodes', 'wishes', 'goes'], LEMMAS)
    expect(Object.fromEntries(entries.map((e) => [e.word, e.glosses]))).toEqual({
      files: ['file'],
      boxes: ['box'],
      aldermen: ['alderman'],
      cities: ['city'],
      axed: ['axe', 'ax'],
      typed: ['type'],
      hoping: ['hope', 'hop'],
      densest: ['dense'],
      wider: ['wide'],
      // -es drops only after s, x, z, ch, sh and o: "nodes" is no form of the verb nod.
      nodes: ['node'],
      wishes: ['wish'],
      goes: ['go']
    })
    expect(entries.every((e) => e.baseForm === false)).toBe(true)
  })

  it('leaves lemmas, unknown stems, short words and capitalised names out', () => {
    expect(englishInflections(['glasses', 'zorbs', 'ads', 'Files', 'file'], LEMMAS).map((e) => e.word)).toEqual([])
  })

  it('reads a lemma that is also a plural or verb form of another lemma of that part of speech as that lemma too', () => {
    const lemmas = {
      noun: new Set(['contents', 'content', 'news', 'bus', 'number', 'evening', 'glasses', 'glass']),
      verb: new Set(['even', 'read']),
      adj: new Set(['new', 'numb', 'content'])
    }
    const entries = englishLemmaReadings(['contents', 'news', 'bus', 'number', 'evening', 'glasses', 'reading', 'file'], lemmas)
    // news is no plural of the adjective new, bus none of bu (no lemma), number no comparative of numb (adjective rules
    // are left out for lemmas); reading is no lemma here, file no inflection.
    expect(Object.fromEntries(entries.map((e) => [e.word, e.glosses]))).toEqual({ contents: ['content'], evening: ['even'], glasses: ['glass'] })
    expect(entries.every((e) => e.baseForm === false)).toBe(true)
  })
})
