// Loads a model pack folder: parses semnote-pack.json and verifies every listed file's SHA-256 before anything runs it.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { SemnoteError } from '../../../shared/errors'
import { PACK_MANIFEST_FILE, packManifestSchema, type PackManifest } from './manifest'

/** A pack whose manifest parsed and whose files all matched their checksums. */
export interface ModelPack {
  /** Absolute folder of the pack. */
  dir: string
  manifest: PackManifest
  /** Absolute path of a file named in the manifest. */
  file(relativePath: string): string
}

const FIX_PACK =
  'Fix: download the model again (or copy the pack folder again from its source); do not edit files inside a model pack.'

/** SHA-256 of a file, streamed (about 90 ms for the 118 MB e5-small model here, so no checksum cache is kept). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Reads and validates `dir`/semnote-pack.json (no file checksums). @throws SemnoteError MODEL_MISSING or MODEL_INVALID. */
export async function readManifest(dir: string): Promise<PackManifest> {
  const manifestPath = join(dir, PACK_MANIFEST_FILE)
  let text: string
  try {
    text = await readFile(manifestPath, 'utf8')
  } catch {
    throw new SemnoteError(
      'MODEL_MISSING',
      `No model pack at ${dir}: ${PACK_MANIFEST_FILE} is missing. Fix: install the model (npm install, or download it from the app) or point Semnote at a folder that contains ${PACK_MANIFEST_FILE}.`
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `${manifestPath} is not valid JSON (${(error as Error).message}). ${FIX_PACK}`
    )
  }
  const parsed = packManifestSchema.safeParse(json)
  if (!parsed.success) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `${manifestPath} does not describe a model pack:\n${z.prettifyError(parsed.error)}\n${FIX_PACK}`
    )
  }
  return parsed.data
}

/** Files the manifest refers to; each must have a checksum so nothing unverified is ever loaded. */
function referencedFiles(manifest: PackManifest): string[] {
  const { tokenizer } = manifest
  const files = [manifest.model]
  if (tokenizer.type === 'huggingface') files.push(tokenizer.file, ...(tokenizer.config ? [tokenizer.config] : []))
  else files.push(tokenizer.vocab)
  if (manifest.queryLexicon) files.push(manifest.queryLexicon)
  return files
}

async function verifyFile(dir: string, relativePath: string, expected: string): Promise<void> {
  const path = join(dir, relativePath)
  const info = await stat(path).catch(() => undefined)
  if (!info?.isFile()) {
    throw new SemnoteError(
      'MODEL_MISSING',
      `Model file ${path} is missing (expected a file with SHA-256 ${expected}). ${FIX_PACK}`
    )
  }
  const actual = await sha256File(path)
  if (actual !== expected) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `Model file ${path} is damaged or was changed: SHA-256 is ${actual} (${info.size} bytes), expected ${expected}. ${FIX_PACK}`
    )
  }
}

/**
 * Reads and validates the pack in `dir`: the manifest schema, that every file it uses has a checksum, and every checksum.
 * @throws SemnoteError MODEL_MISSING (no manifest, missing file) or MODEL_INVALID (bad manifest, checksum mismatch), naming the file and the fix.
 */
export async function loadPack(dir: string): Promise<ModelPack> {
  const absoluteDir = resolve(dir)
  const manifest = await readManifest(absoluteDir)
  const unlisted = referencedFiles(manifest).filter((path) => !(path in manifest.sha256))
  if (unlisted.length > 0) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `${join(absoluteDir, PACK_MANIFEST_FILE)} lists no SHA-256 for ${unlisted.join(', ')}. Fix: add "sha256" entries for every file the pack uses.`
    )
  }
  for (const [path, expected] of Object.entries(manifest.sha256)) await verifyFile(absoluteDir, path, expected)
  return { dir: absoluteDir, manifest, file: (relativePath) => join(absoluteDir, relativePath) }
}
