// The pinned default pack, mirror URL building and the environment settings for provisioning.
import { describe, expect, it } from 'vitest'
import { DEFAULT_PACK, fileUrl, packManifestFor, type CatalogEntry } from '../../src/main/engine/model/catalog'
import { provisionSettingsFromEnv } from '../../src/main/engine/model/fetch'

const REVISION = '97cb8f96eaed1a1f0dac821239943e854fce9c36'

describe('default pack', () => {
  it('pins multilingual-e5-small at a full revision with the MODELS.md checksums', () => {
    expect(DEFAULT_PACK.repo).toBe('Xenova/multilingual-e5-small')
    expect(DEFAULT_PACK.revision).toBe(REVISION)
    expect(Object.fromEntries(DEFAULT_PACK.files.map((f) => [f.path, f.sha256]))).toEqual({
      'onnx/model_quantized.onnx': 'f80102d3f2a1229f387d3c81909990d8945513e347b0eab049f7de3c6f98c193',
      'tokenizer.json': '0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39',
      'tokenizer_config.json': 'a1d6bc8734a6f635dc158508bef000f8e2e5a759c7d92f984b2c86e5ff53425b',
      'config.json': 'cb99455288675345e1a4f411438d5d0adbba5fbd3a67ea4fb03c015433b996c1',
      'special_tokens_map.json': 'd05497f1da52c5e09554c0cd874037a083e1dc1b9cfd48034d1c717f1afc07a7'
    })
  })

  it('produces a valid manifest with the e5 settings and a checksum for every file', () => {
    const manifest = packManifestFor(DEFAULT_PACK)
    expect(manifest).toMatchObject({
      id: 'multilingual-e5-small',
      dimension: 384,
      pooling: 'mean',
      normalize: true,
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
      maxTokens: 512,
      model: 'onnx/model_quantized.onnx',
      tokenizer: { type: 'huggingface', file: 'tokenizer.json', config: 'tokenizer_config.json' }
    })
    expect(Object.keys(manifest.sha256).sort()).toEqual(DEFAULT_PACK.files.map((f) => f.path).sort())
  })

  it('refuses an entry whose manifest names a file it does not fetch', () => {
    const broken: CatalogEntry = { ...DEFAULT_PACK, files: DEFAULT_PACK.files.filter((f) => f.path !== 'tokenizer.json') }
    expect(() => packManifestFor(broken)).toThrow(/tokenizer\.json/)
  })
})

describe('file URLs', () => {
  it('uses huggingface.co by default', () => {
    expect(fileUrl(DEFAULT_PACK, 'onnx/model_quantized.onnx')).toBe(
      `https://huggingface.co/Xenova/multilingual-e5-small/resolve/${REVISION}/onnx/model_quantized.onnx`
    )
  })

  it('puts the same layout under a mirror base URL, keeping its path and dropping trailing slashes', () => {
    expect(fileUrl(DEFAULT_PACK, 'tokenizer.json', 'https://hf-mirror.com/')).toBe(
      `https://hf-mirror.com/Xenova/multilingual-e5-small/resolve/${REVISION}/tokenizer.json`
    )
    expect(fileUrl(DEFAULT_PACK, 'onnx/model_quantized.onnx', 'http://10.0.0.5:8080/hf//')).toBe(
      `http://10.0.0.5:8080/hf/Xenova/multilingual-e5-small/resolve/${REVISION}/onnx/model_quantized.onnx`
    )
  })

  it('escapes path segments but keeps folders', () => {
    expect(fileUrl(DEFAULT_PACK, 'onnx/a b#c.onnx', 'https://m.example')).toBe(
      `https://m.example/Xenova/multilingual-e5-small/resolve/${REVISION}/onnx/a%20b%23c.onnx`
    )
  })

  it('rejects mirrors that are not http(s) URLs', () => {
    expect(() => fileUrl(DEFAULT_PACK, 'tokenizer.json', 'hf-mirror.com')).toThrow(/not a URL/)
    expect(() => fileUrl(DEFAULT_PACK, 'tokenizer.json', 'file:///srv/models')).toThrow(/http/)
  })
})

describe('settings from the environment', () => {
  it('defaults to no mirror, no local source, no skip', () => {
    expect(provisionSettingsFromEnv({})).toEqual({ mirror: undefined, localSource: undefined, skip: false })
  })

  it('prefers SEMNOTE_MODEL_MIRROR over HF_ENDPOINT and honours HF_ENDPOINT alone', () => {
    expect(provisionSettingsFromEnv({ SEMNOTE_MODEL_MIRROR: 'https://a.example', HF_ENDPOINT: 'https://b.example' }).mirror).toBe('https://a.example')
    expect(provisionSettingsFromEnv({ HF_ENDPOINT: 'https://b.example' }).mirror).toBe('https://b.example')
    expect(provisionSettingsFromEnv({ SEMNOTE_MODEL_MIRROR: '  ', HF_ENDPOINT: 'https://b.example' }).mirror).toBe('https://b.example')
  })

  it('reads the local source folder and the skip switch', () => {
    expect(provisionSettingsFromEnv({ SEMNOTE_MODEL_SOURCE: '/models/e5' }).localSource).toBe('/models/e5')
    for (const value of ['1', 'true', 'YES']) expect(provisionSettingsFromEnv({ SEMNOTE_SKIP_MODEL_DOWNLOAD: value }).skip).toBe(true)
    for (const value of ['0', '', 'no']) expect(provisionSettingsFromEnv({ SEMNOTE_SKIP_MODEL_DOWNLOAD: value }).skip).toBe(false)
  })
})
