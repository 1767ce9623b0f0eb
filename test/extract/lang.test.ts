// The language guess: scripts decide CJK and others, stop words decide among Latin-script languages, unsure means "und".
import { describe, expect, it } from 'vitest'
import { guessLanguage } from '../../src/main/engine/extract/lang'

describe('guessLanguage', () => {
  it.each([
    ['en', 'The cat is on the mat and it was happy with this.'],
    ['de', 'Der Hund und die Katze sind nicht mit den Kindern auf der Straße.'],
    ['fr', 'Le chat est dans la maison et les enfants sont pour une fois sages.'],
    ['es', 'El perro y los gatos están en la casa de una amiga para comer con ella.'],
    ['zh', '晚上音乐很吵，我睡不着。'],
    ['ja', '夜に音楽がうるさい。'],
    ['ko', '밤에 음악이 시끄러워요.'],
    ['ru', 'Ночью музыка очень громкая.']
  ])('%s', (lang, text) => expect(guessLanguage(text)).toBe(lang))

  it('answers "und" with too few words, no stop words, or a tie between languages', () => {
    expect(guessLanguage('hello world')).toBe('und')
    expect(guessLanguage('Kubernetes Terraform Ansible Docker Podman')).toBe('und')
    // "la" and "que" are both French and Spanish stop words: two each is a tie.
    expect(guessLanguage('la que la que')).toBe('und')
    expect(guessLanguage('12345 67890')).toBe('und')
  })
})
