// Date-range filter presets turned into epoch-millisecond bounds for SearchFilters.

export type DatePreset = 'any' | 'week' | 'month' | 'year' | 'custom'

export const DATE_PRESETS: readonly DatePreset[] = ['any', 'week', 'month', 'year', 'custom']

const DAY = 86_400_000

/** Bounds for a preset; `custom` reads the yyyy-mm-dd inputs (both optional, inclusive, local time). */
export function dateBounds(
  preset: DatePreset,
  custom: { from: string; to: string },
  now = Date.now()
): { modifiedAfter?: number; modifiedBefore?: number } {
  switch (preset) {
    case 'week':
      return { modifiedAfter: now - 7 * DAY }
    case 'month':
      return { modifiedAfter: now - 30 * DAY }
    case 'year':
      return { modifiedAfter: now - 365 * DAY }
    case 'custom': {
      const from = parseLocalDate(custom.from)
      const to = parseLocalDate(custom.to)
      return {
        ...(from !== undefined ? { modifiedAfter: from } : {}),
        ...(to !== undefined ? { modifiedBefore: to + DAY - 1 } : {})
      }
    }
    default:
      return {}
  }
}

/** Midnight local time of a yyyy-mm-dd string, or undefined when empty/invalid. */
function parseLocalDate(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return undefined
  const time = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime()
  return Number.isNaN(time) ? undefined : time
}
