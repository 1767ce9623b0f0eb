// What the indexer needs from extract+chunk, the embedder and the chunk store, as narrow interfaces (adapters live in pipeline.ts).
import type { SkipReason } from '../../../shared/types'

/** One chunk ready to embed and store. */
export interface PreparedChunk {
  /** Shown in results (markup stripped). */
  text: string
  /** What the embedder sees: the passage with its note title and heading path as context. */
  embedText: string
  /** Hash of embedText: equal keys mean an equal vector, so stored vectors can be reused. */
  embedKey: string
  /** The ids the model runs for embedText, when prepared with the model's tokenizer. */
  tokenIds?: Int32Array
  heading: string
  lineStart: number
  lineEnd: number
  /** Page of a PDF passage (its lines count within the page's text). */
  page?: number
  /** The note's tags and aliases: note-level facts, carried by each chunk as each row of the note stores them. */
  tags?: string[]
  aliases?: string[]
}

/** A note turned into chunks, or the reason it cannot be indexed. */
export type PreparedNote =
  | { ok: true; title: string; lang: string; chunks: PreparedChunk[]; warnings: string[] }
  | { ok: false; reason: SkipReason; detail: string }

/** One step of a note prepared in segments: its head first, then its chunks in order; or why it cannot be indexed. */
export type NoteStep =
  | {
      kind: 'head'
      title: string
      lang: string
      warnings: string[]
      /** Set when the language is left to the language identifier, which the indexer asks with this sample; lang is "und". */
      languageSample?: string
    }
  | { kind: 'chunks'; chunks: PreparedChunk[] }
  | { kind: 'failed'; reason: SkipReason; detail: string }

/**
 * A large text note prepared a segment at a time, on demand: nothing is done until `steps()` is iterated, and ending the
 * iteration early (return) stops the work. Steps come as they are consumed (a segment or two ahead at most).
 */
export interface StreamedNote {
  ok: true
  streamed: true
  steps(): AsyncGenerator<NoteStep, void, undefined>
}

/** Extract + chunk one file's bytes. */
export type PrepareNote = (path: string, bytes: Buffer) => PreparedNote | Promise<PreparedNote>

/** The same, or (a large text note) a stream of its segments: what the indexer takes. */
export type PrepareOrStream = (path: string, bytes: Buffer) => PreparedNote | StreamedNote | Promise<PreparedNote | StreamedNote>

/** A file as the chunk table knows it (the manifest is derived from the table, so the two cannot disagree), and the file-level facts written with every chunk row. */
export type { StoredPath as StoredFile, FileFacts } from '../store/chunk-store'
import type { FileFacts, StoredPath as StoredFile } from '../store/chunk-store'

/** One file's new rows: its chunks and their vectors (null in keyword-only tables). */
export interface FileWrite {
  facts: FileFacts
  chunks: PreparedChunk[]
  vectors: Float32Array[] | null
}

/** Chunks `first` to `first + chunks.length - 1` of a file, with their vectors (null in keyword-only tables). */
export interface FilePart {
  first: number
  chunks: PreparedChunk[]
  vectors: Float32Array[] | null
}

/** The chunk-store operations the indexer uses; each write is atomic per call (writeFileInParts: per part). */
export interface ChunkStorePort {
  /** Every file with rows in the table. */
  listFiles(): Promise<StoredFile[]>
  /**
   * In one commit: replaces all rows of each file in `files` with its chunks, and moves the rows of each `renames.from`
   * (text and vectors kept) to `renames.to`. Returns the new chunk ids of each file, then of each rename target.
   */
  writeBatch(files: FileWrite[], renames: { from: string; to: FileFacts }[]): Promise<{ files: string[][]; renames: string[][] }>
  /**
   * Replaces all rows of one large file with the chunks of `parts`, one commit per part, parts last first (the one holding
   * chunk 0 last). Until the last commit the file's rows are incomplete, in a way the next open sees as damaged and repairs.
   * Returns the file's chunk ids in note order.
   */
  writeFileInParts(facts: FileFacts, parts: AsyncIterable<FilePart>): Promise<string[]>
  /** Records a new mtime/size for a file whose content did not change. */
  touchFile(path: string, mtime: number, size: number): Promise<void>
  /** Removes every row of these paths. */
  deleteFiles(paths: string[]): Promise<void>
  /** Files every row of root `from` under root `to`, keeping text and vectors. */
  moveRoot(from: string, to: string): Promise<void>
  /** Stored vectors of a file keyed by embedKey, to reuse for unchanged chunks. */
  vectorsOf(path: string): Promise<Map<string, Float32Array>>
}

/** Embeds passages; null when no model is ready (rows are then stored for keyword search only). */
export interface PassageEmbedder {
  readonly id: string
  /** Vectors of these chunks in order: from their token ids when they were prepared with them, else from embedText. */
  embedChunks(chunks: readonly Pick<PreparedChunk, 'embedText' | 'embedKey' | 'tokenIds'>[]): Promise<Float32Array[]>
}
