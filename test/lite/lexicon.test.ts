// The English side of the lite lexicon: WordNet hypernym, derivation and "similar to" links give a word's vector shares of related words.
import { describe, expect, it } from 'vitest'
import { DEFAULT_LEXICON_OPTIONS, EnglishSpace } from '../../scripts/lite-pack/lexicon'
import type { Synset } from '../../scripts/lite-pack/sources'

const SYNSETS: Synset[] = [
  { pos: 'noun', lemmas: ['protest', 'objection'], gloss: 'a public manifestation of dissent' },
  { pos: 'noun', lemmas: [], gloss: 'a group refusal to obey a law', hypernyms: [0] },
  { pos: 'noun', lemmas: ['boycott'], gloss: 'refusal to deal with an organization', hypernyms: [0] },
  { pos: 'noun', lemmas: ['sit-down'], gloss: 'occupying seats and refusing to move', hypernyms: [1] },
  { pos: 'noun', lemmas: ['protester'], gloss: 'someone who protests', derivations: [['protester', 'protest']] },
  { pos: 'adj', lemmas: ['peaceful'], gloss: 'not violent', similar: [6] },
  { pos: 'adj', lemmas: ['calm'], gloss: 'not agitated' }
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

describe('EnglishSpace lemmatize', () => {
  const VERBS: Synset[] = [
    { pos: 'verb', lemmas: ['hope'], gloss: 'expect and wish' },
    { pos: 'verb', lemmas: ['hop'], gloss: 'jump lightly' },
    { pos: 'noun', lemmas: ['us'], gloss: 'North American republic' },
    { pos: 'verb', lemmas: ['use'], gloss: 'put into service' },
    { pos: 'noun', lemmas: ['use'], gloss: 'the act of using' },
    { pos: 'noun', lemmas: ['site'], gloss: 'the piece of land on which something is located' },
    { pos: 'verb', lemmas: ['sit'], gloss: 'be seated' },
    { pos: 'noun', lemmas: ['box'], gloss: 'a container' },
    { pos: 'noun', lemmas: ['doe'], gloss: 'mature female of mammals' },
    { pos: 'verb', lemmas: ['do'], gloss: 'perform an action' }
  ]
  const senses = new Map<string, number[]>()
  VERBS.forEach((synset, id) => senses.set(synset.lemmas[0]!, [...(senses.get(synset.lemmas[0]!) ?? []), id]))
  const english = new EnglishSpace(VERBS, senses, new Map([['hopped', 'hop']]), DEFAULT_LEXICON_OPTIONS, new Map([['verb:do', 1200], ['noun:doe', 3]]))

  it('reads a verb ending as a verb, an -e verb first, and -es only where English spelling adds it', () => {
    expect(english.lemmatize('using')).toBe('use')
    expect(english.lemmatize('uses')).toBe('use')
    expect(english.lemmatize('hoped')).toBe('hope')
    expect(english.lemmatize('hoping')).toBe('hope')
    expect(english.lemmatize('hopped')).toBe('hop')
    expect(english.lemmatize('sites')).toBe('site')
    expect(english.lemmatize('boxes')).toBe('box')
    expect(english.contentWords('using sites')).toEqual(['use', 'site'])
  })

  it('takes the lemma tagged most often in SemCor when the rules allow several', () => {
    expect(english.lemmatize('does')).toBe('do')
  })
})
