// Pack loading: a good pack loads; missing, truncated, tampered files and bad manifests fail with messages naming file and fix.
import { appendFile, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SemnoteError } from '../../src/shared/errors'
import { loadPack } from '../../src/main/engine/model/pack'
import { getTinyPack } from '../helpers/test-model'
import { copyPack, type PackCopy } from './pack-copy'

async function loadError(dir: string): Promise<SemnoteError> {
  const error = await loadPack(dir).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(SemnoteError)
  return error as SemnoteError
}

describe('loadPack', () => {
  let tinyPack: string
  let copy: PackCopy | undefined

  beforeAll(async () => {
    tinyPack = await getTinyPack()
  })

  afterEach(async () => {
    await copy?.remove()
    copy = undefined
  })

  it('loads a valid pack and resolves its files', async () => {
    const pack = await loadPack(tinyPack)
    expect(pack.manifest.id).toBe('semnote-test-tiny')
    expect(pack.manifest.dimension).toBe(32)
    expect(pack.file(pack.manifest.model)).toBe(join(tinyPack, 'onnx/model.onnx'))
    expect(Object.keys(pack.manifest.sha256).sort()).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json'])
  })

  it('reports a folder without a manifest as MODEL_MISSING', async () => {
    copy = await copyPack(tinyPack)
    await rm(join(copy.dir, 'semnote-pack.json'))
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_MISSING')
    expect(error.message).toContain('semnote-pack.json is missing')
    expect(error.message).toContain('Fix:')
  })

  it('names a missing model file and its expected checksum', async () => {
    copy = await copyPack(tinyPack)
    const { sha256 } = await copy.manifest()
    await rm(join(copy.dir, 'onnx/model.onnx'))
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_MISSING')
    expect(error.message).toContain(join(copy.dir, 'onnx/model.onnx'))
    expect(error.message).toContain(sha256['onnx/model.onnx'])
    expect(error.message).toContain('Fix:')
  })

  it('rejects a truncated model file, naming it, its size and the expected SHA-256', async () => {
    copy = await copyPack(tinyPack)
    await truncate(join(copy.dir, 'onnx/model.onnx'), 1000)
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.message).toContain(join(copy.dir, 'onnx/model.onnx'))
    expect(error.message).toContain('(1000 bytes)')
    expect(error.message).toContain((await copy.manifest()).sha256['onnx/model.onnx'])
  })

  it('rejects a tampered tokenizer file of the same size', async () => {
    copy = await copyPack(tinyPack)
    const path = join(copy.dir, 'tokenizer.json')
    const text = await readFile(path, 'utf8')
    await writeFile(path, text.replace('"▁the"', '"▁thE"'))
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.message).toContain(`${path} is damaged or was changed`)
    expect(error.message).toContain('Fix:')
  })

  it('rejects extra bytes appended to tokenizer_config.json', async () => {
    copy = await copyPack(tinyPack)
    await appendFile(join(copy.dir, 'tokenizer_config.json'), ' ')
    const error = await loadError(copy.dir)
    expect(error.message).toContain('tokenizer_config.json is damaged or was changed')
  })

  it('rejects a manifest that is not JSON', async () => {
    copy = await copyPack(tinyPack)
    await writeFile(join(copy.dir, 'semnote-pack.json'), '{"id": ')
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.message).toContain('semnote-pack.json is not valid JSON')
  })

  it('rejects a manifest that breaks the schema, naming the field', async () => {
    copy = await copyPack(tinyPack)
    await copy.editManifest((m) => ({ ...m, dimension: -3, pooling: 'max' }))
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.message).toContain('dimension')
    expect(error.message).toContain('pooling')
  })

  it('rejects a manifest without a checksum for a file it uses', async () => {
    copy = await copyPack(tinyPack)
    await copy.editManifest(({ sha256, ...rest }) => {
      const { 'tokenizer.json': _dropped, ...others } = sha256
      return { ...rest, sha256: others }
    })
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.message).toContain('lists no SHA-256 for tokenizer.json')
  })

  it('rejects manifest paths that leave the pack folder', async () => {
    copy = await copyPack(tinyPack)
    await copy.editManifest((m) => ({ ...m, model: '../elsewhere/model.onnx' }))
    const error = await loadError(copy.dir)
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.message).toContain('model')
  })
})
