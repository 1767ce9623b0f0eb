// Opens a result list's relevance fold (issue 14), for tests that read or walk the whole page of results.
import type { Page } from 'playwright-core'

/** Clicks the "N weaker matches" row when there is one and waits until the weaker matches are listed. */
export async function openFold(target: Page): Promise<void> {
  const row = target.locator('.fold-row')
  if ((await row.count()) === 0) return
  await row.click()
  await row.waitFor({ state: 'detached' })
}
