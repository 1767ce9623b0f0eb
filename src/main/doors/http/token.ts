// The local HTTP API's bearer token: random, kept in the data folder readable by its owner only (0600), compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, mkdir, open, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

export const TOKEN_FILE = 'api-token'
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** Path of the token file in a data folder. */
export function tokenPath(dataDir: string): string {
  return join(dataDir, TOKEN_FILE)
}

/**
 * The data folder's token: read when the file holds a well-formed one, else a new 256-bit token written with mode 0600
 * (created exclusively, so two servers starting together agree on one). A file others could read is narrowed to 0600.
 */
export async function loadOrCreateToken(dataDir: string): Promise<string> {
  const path = tokenPath(dataDir)
  await mkdir(dataDir, { recursive: true })
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = (await readFile(path, 'utf8').catch(() => null))?.trim()
    if (existing !== undefined && TOKEN_PATTERN.test(existing)) {
      if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600)
      return existing
    }
    if (existing !== undefined) await rm(path, { force: true }) // damaged: replaced by a new token
    const token = randomBytes(32).toString('base64url')
    try {
      const handle = await open(path, 'wx', 0o600)
      await handle.writeFile(`${token}\n`)
      await handle.sync()
      await handle.close()
      return token
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  throw new Error(`could not create the API token in ${path}`)
}

/** True when the Authorization header carries exactly this bearer token (constant time in the token's content). */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer ([^\s]+)$/i.exec(header ?? '')?.[1] ?? ''
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return given !== '' && timingSafeEqual(digest(given), digest(token))
}
