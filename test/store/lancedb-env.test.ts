// Lance's scan memory bounds (issue 19.13): set for the process when LanceDB loads, and values from the environment kept.
import { afterEach, describe, expect, it } from 'vitest'
import { LANCE_SCAN_ENV, loadLanceDb } from '../../src/main/engine/store/lancedb'

const saved = Object.fromEntries(Object.keys(LANCE_SCAN_ENV).map((name) => [name, process.env[name]]))

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

describe('LanceDB scan settings', () => {
  it('bounds the read-ahead buffer and the batch size, keeping a value the user set', async () => {
    delete process.env.LANCE_DEFAULT_IO_BUFFER_SIZE
    process.env.LANCE_DEFAULT_BATCH_SIZE = '4096'
    await loadLanceDb()
    expect(process.env.LANCE_DEFAULT_IO_BUFFER_SIZE).toBe(String(16 * 1024 * 1024))
    expect(process.env.LANCE_DEFAULT_BATCH_SIZE).toBe('4096')
  })
})
