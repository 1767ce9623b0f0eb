// SQL literals and filter clauses: quotes doubled, NUL and non-finite numbers rejected, empty lists match nothing.
import { describe, expect, it } from 'vitest'
import { filtersToWhere, sqlIn, sqlNumber, sqlString } from '../../src/main/engine/store/sql'

describe('sql helpers', () => {
  it('escapes string literals and rejects what cannot be expressed', () => {
    expect(sqlString("it's a 'test' \\ 日本")).toBe("'it''s a ''test'' \\ 日本'")
    expect(() => sqlString('a\0b')).toThrow(/NUL/)
    expect(() => sqlNumber(Number.NaN)).toThrow(/finite/)
    expect(sqlIn('path', [])).toBe('false')
    expect(sqlIn('path', ["a'b", 'c'])).toBe("path IN ('a''b', 'c')")
  })

  it('builds one clause from all filters, or none', () => {
    expect(filtersToWhere(undefined)).toBeUndefined()
    expect(filtersToWhere({ roots: [], extensions: [] })).toBeUndefined()
    expect(filtersToWhere({ roots: ['/r'], pathPrefix: "/r/o'", extensions: ['.MD'], modifiedAfter: 5, modifiedBefore: 9 })).toBe(
      "(root IN ('/r')) AND (starts_with(path, '/r/o''')) AND (ext IN ('md')) AND (mtime >= 5) AND (mtime < 9)"
    )
  })
})
