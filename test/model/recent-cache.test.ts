// RecentCache: bounded by key characters, keeps what is used, drops what is not.
import { describe, expect, it } from 'vitest'
import { RecentCache } from '../../src/main/engine/model/recent-cache'

describe('RecentCache', () => {
  it('keeps at most two generations of half the key budget each', () => {
    const cache = new RecentCache<number>(8)
    for (const [i, key] of ['aa', 'bb', 'cc', 'dd', 'ee'].entries()) cache.set(key, i)
    // 'aa','bb' filled the first generation (4 chars), 'cc','dd' the second; 'ee' dropped the first.
    expect(cache.get('aa')).toBeUndefined()
    expect(cache.get('bb')).toBeUndefined()
    expect(cache.get('ee')).toBe(4)
  })

  it('moves an entry used from the older generation forward so it survives', () => {
    const cache = new RecentCache<string>(8)
    cache.set('aa', 'A')
    cache.set('bb', 'B')
    cache.set('cc', 'C') // 'aa','bb' are now the older generation
    expect(cache.get('aa')).toBe('A') // copied into the current one
    cache.set('dd', 'D')
    cache.set('ee', 'E') // by now the generation holding 'bb' was dropped
    expect(cache.get('bb')).toBeUndefined()
    expect(cache.get('aa')).toBe('A')
  })
})
