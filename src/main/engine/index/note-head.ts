// A prepared note's head on the engine thread: a streamed note's title, language and warnings, and the language of a note
// its reading left undecided (the language identifier runs here, loaded once on need, never in a prepare worker).
import { extendLanguageSample, guessLanguage } from '../extract/lang'
import type { PreparedChunk, PreparedNote, StreamedNote } from './ports'
import type { StreamedSteps } from './jobs'
import { unreadable } from './unreadable'

/** A streamed note started: its head and the steps that follow, or why it cannot be indexed. */
export type StreamedHead = { ok: true; title: string; lang: string; warnings: string[]; steps: StreamedSteps } | Extract<PreparedNote, { ok: false }>

/** Starts a streamed note and reads its head (title, language, warnings), or why it cannot be indexed. */
export async function headOf(note: StreamedNote): Promise<StreamedHead> {
  const steps = note.steps()
  const first = await steps.next().catch((error: unknown) => ({ done: false as const, value: { kind: 'failed' as const, ...unreadable(error) } }))
  if (!first.done && first.value.kind === 'head') {
    const { title, lang, languageSample, warnings } = first.value
    return { ok: true, title, lang: languageSample === undefined ? lang : await guessLanguage(languageSample), warnings, steps }
  }
  void steps.return()
  if (!first.done && first.value.kind === 'failed') return { ok: false, reason: first.value.reason, detail: first.value.detail }
  return { ok: false, reason: 'error', detail: 'could not be read as a note: its reading ended before its title' }
}

/**
 * A prepared note's language: the one its reading told, or for "und" the guess from its passages' text, which asks the
 * language identifier about Latin-script text too few function words decide.
 */
export async function languageOfNote(lang: string, chunks: readonly PreparedChunk[]): Promise<string> {
  if (lang !== 'und') return lang
  return guessLanguage(chunks.reduce((sample, chunk) => extendLanguageSample(sample, chunk.text), ''))
}
