// `semnote bench` reads the global options its help lists: --data-dir / --models-dir / --app say where a downloaded model is.
import { describe, expect, it } from 'vitest'
import { runBench } from '../../src/main/cli/bench'

describe('semnote bench options', () => {
  it('takes the global --data-dir and --models-dir, and refuses --model-id and stray arguments with a usage error', async () => {
    // An unknown section fails after the options are read: the global options got through.
    await expect(runBench(['--data-dir', '/tmp/x', '--models-dir', '/tmp/y', '--section', 'none'])).rejects.toThrow('bench --section needs a known section')
    await expect(runBench(['--model-id', 'multilingual-e5-small'])).rejects.toThrow('not --model-id')
    await expect(runBench(['extra'])).rejects.toThrow('bench takes no arguments, got extra')
    await expect(runBench(['--bogus'])).rejects.toThrow(/bogus/)
  })
})
