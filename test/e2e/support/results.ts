// Searching from a page's search box and reading the listed results, as the renderer's end-to-end tests do.
import { basename } from 'node:path'
import type { Page } from 'playwright-core'
import type { PageScope } from './browser'

/** Types into the page's search box and waits for the answer to that exact query. */
export async function searchFor(target: Page, query: string): Promise<void> {
  const input = target.locator('input.search-input')
  const replied = target.waitForResponse((r) => r.url().endsWith('/call/search') && (r.request().postData() ?? '').includes(JSON.stringify(query).slice(1, -1)))
  await input.fill(query)
  await replied
  await target.waitForFunction(() => !(globalThis as unknown as PageScope).document.querySelector('.search-box.busy'))
}

/** File names of the listed results, in order. */
export async function listedFiles(target: Page): Promise<string[]> {
  const paths = await target.locator('[role="option"] .result-folder').evaluateAll((els) => els.map((el) => el.getAttribute('title') ?? ''))
  return paths.map((p) => basename(p))
}
