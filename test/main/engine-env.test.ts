// How the engine's process starts (issue 19.13): malloc settings and V8's young-generation flag added, the user's own kept.
import { describe, expect, it } from 'vitest'
import { engineExecArgv, engineProcessEnv } from '../../src/main/engine-env'
import { ENGINE_SEMI_SPACE_MB } from '../../src/main/engine/worker-entry'

describe('engine process start-up settings', () => {
  it('adds the semi-space flag once, after the flags given, and keeps a size the user chose', () => {
    expect(engineExecArgv(['--import', 'tsx'])).toEqual(['--import', 'tsx', `--max-semi-space-size=${ENGINE_SEMI_SPACE_MB}`])
    expect(engineExecArgv(['--max-semi-space-size=32'])).toEqual(['--max-semi-space-size=32'])
    expect(engineExecArgv(engineExecArgv([]))).toEqual([`--max-semi-space-size=${ENGINE_SEMI_SPACE_MB}`])
  })

  it('adds MALLOC_ARENA_MAX unless set, and drops unset variables', () => {
    expect(engineProcessEnv({ PATH: '/bin', EMPTY: undefined })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' })
    expect(engineProcessEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({ MALLOC_ARENA_MAX: '8' })
  })
})
