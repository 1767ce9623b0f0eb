// The English side of the lite lexicon: WordNet hypernym, derivation and "similar to" links give a word's vector shares of related words.
import { describe, expect, it } from 'vitest'
import { DEFAULT_LEXICON_OPTIONS, EnglishSpace } from '../../scripts/lite-pack/lexicon'
import type { Synset } from '../../scripts/lite-pack/sources'

const SYNSETS: Synset[] = [
  { lemmas: ['protest', 'objection'], gloss: 'a public manifestation of dissent' },
  { lemmas: [], gloss: 'a group refusal to obey a law', hypernyms: [0] },
  { lemmas: ['boycott'], gloss: 'refusal to deal with an organization', hypernyms: [0] },
  { lemmas: ['sit-down'], gloss: 'occupying seats and refusing to move', hypernyms: [1] },
  { lemmas: ['protester'], gloss: 'someone who protests', derivations: [['protester', 'protest']] },
  { lemmas: ['peaceful'], gloss: 'not violent', similar: [6] },
  { lemmas: ['calm'], gloss: 'not agitated' }
]
const SENSES = new Map(SYNSETS.flatMap((s, id) => s.lemmas.map((lemma) => [lemma, [id]] as [string, number[]])))

function space(overrides: Partial<typeof DEFAULT_LEXICON_OPTIONS> = {}): EnglishSpace {
  return new EnglishSpace(SYNSETS, SENSES, new Map(), { ...DEFAULT_LEXICON_OPTIONS, ...overrides })
}

describe('EnglishSpace links', () => {
  it('gives a word a share for its hypernyms, passing through synsets without single-word lemmas', () => {
    const boycott = space().vector('boycott')
    expect(boycott.get('boycott')).toBe(1)
    expect(boycott.get('protest')).toBeCloseTo(DEFAULT_LEXICON_OPTIONS.hypernymWeight / 2)
    expect(space().vector('sit-down').get('protest')).toBeGreaterThan(0)
  })

  it('gives shares to derivationally related and similar words, and none when the weights are 0', () => {
    expect(space().vector('protester').get('protest')).toBeCloseTo(DEFAULT_LEXICON_OPTIONS.derivationWeight)
    expect(space().vector('peaceful').get('calm')).toBeCloseTo(DEFAULT_LEXICON_OPTIONS.similarWeight)
    const plain = space({ hypernymWeight: 0, derivationWeight: 0, similarWeight: 0 })
    expect([...plain.vector('boycott').keys()]).toEqual(['boycott'])
    expect([...plain.vector('protester').keys()]).toEqual(['protester'])
  })
})
