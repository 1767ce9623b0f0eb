// Reads zip containers (.docx, .epub, .odt) defensively with jszip: entry count, declared sizes and compression ratio are
// checked before anything is inflated, and inflating stops at the cap even when an entry lies about its size.
import JSZip from 'jszip'
import { formatBytes } from '../read-file'
import type { Skip } from '../types'
import { DEFAULT_DOCUMENT_LIMITS, type ZipLimits } from './limits'

/** Raised when reading an entry would pass a limit; the extractor turns it into a `limit` skip. */
export class ZipLimitError extends Error {}

/** The sizes jszip reads from the central directory (kept on a private field of each entry). */
interface DeclaredSizes {
  compressedSize: number
  uncompressedSize: number
}

const EOCD_SIGNATURE = 0x06054b50
const MB = 1024 * 1024

/** Entries the end-of-central-directory record declares, or null when there is no such record (not a zip). */
export function declaredEntryCount(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return view.getUint16(at + 10, true)
  }
  return null
}

function sizesOf(entry: JSZip.JSZipObject): DeclaredSizes | null {
  const data = (entry as unknown as { _data?: Partial<DeclaredSizes> })._data
  if (!data || typeof data.compressedSize !== 'number' || typeof data.uncompressedSize !== 'number') return null
  return { compressedSize: data.compressedSize, uncompressedSize: data.uncompressedSize }
}

/** A zip archive opened for reading under limits. */
export class SafeZip {
  private unpacked = 0

  private constructor(
    private readonly zip: JSZip,
    private readonly limits: ZipLimits
  ) {}

  /** Opens an archive; a skip when it is no zip, too many entries, encrypted, or declares a bomb. */
  static async open(bytes: Uint8Array, kind: string, limits: ZipLimits = DEFAULT_DOCUMENT_LIMITS.zip): Promise<SafeZip | Skip> {
    const entries = declaredEntryCount(bytes)
    if (entries === null) return { ok: false, reason: 'error', detail: `damaged or not a ${kind} file (no zip directory)` }
    if (entries === 0xffff || entries > limits.maxEntries) {
      return { ok: false, reason: 'limit', detail: `${kind} holds more than ${limits.maxEntries.toLocaleString('en')} packed files` }
    }
    let zip: JSZip
    try {
      zip = await JSZip.loadAsync(bytes, { checkCRC32: false, createFolders: false })
    } catch (error) {
      const message = (error as Error).message
      if (/encrypted/i.test(message)) return { ok: false, reason: 'encrypted', detail: `encrypted ${kind} file: opening it needs a password` }
      return { ok: false, reason: 'error', detail: `damaged or not a ${kind} file (${message})` }
    }
    let declaredTotal = 0
    for (const entry of Object.values(zip.files)) {
      const sizes = sizesOf(entry)
      if (!sizes) continue
      declaredTotal += sizes.uncompressedSize
      const ratio = sizes.uncompressedSize / Math.max(1, sizes.compressedSize)
      if (sizes.uncompressedSize > MB && ratio > limits.maxRatio) {
        return { ok: false, reason: 'limit', detail: `zip bomb: ${entry.name} would unpack ${Math.round(ratio)} times its packed size` }
      }
    }
    if (declaredTotal > limits.maxTotalBytes * 4) {
      return { ok: false, reason: 'limit', detail: `zip bomb: unpacks to ${formatBytes(declaredTotal)} (limit ${formatBytes(limits.maxTotalBytes)})` }
    }
    return new SafeZip(zip, limits)
  }

  /** Entry names (folders excluded), in archive order. */
  names(): string[] {
    return Object.values(this.zip.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
  }

  has(name: string): boolean {
    return this.zip.file(name) !== null
  }

  /**
   * The unpacked bytes of an entry. Throws ZipLimitError before inflating when its declared size is over a limit, and
   * while inflating as soon as more comes out than declared or allowed (an entry lying about its size).
   */
  async read(name: string): Promise<Uint8Array> {
    const entry = this.zip.file(name)
    if (!entry) throw new Error(`${name} is missing`)
    const declared = sizesOf(entry)?.uncompressedSize ?? this.limits.maxEntryBytes
    const allowed = Math.min(this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.unpacked)
    if (declared > allowed) throw new ZipLimitError(`${name} unpacks to ${formatBytes(declared)}, over the limit of ${formatBytes(allowed)}`)
    const cap = Math.min(allowed, declared)
    const chunks: Buffer[] = []
    let total = 0
    const stream = entry.nodeStream('nodebuffer')
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length
        if (total <= cap) return void chunks.push(chunk)
        // Stop inflating at once: the rest is never produced.
        stream.pause()
        stream.removeAllListeners('data')
        reject(new ZipLimitError(`${name} unpacks to more than ${cap === declared ? 'the' : 'its limit of'} ${formatBytes(cap)}${cap === declared ? ' it declares' : ''}`))
      })
      stream.on('end', () => resolve())
      stream.on('error', (error: Error) => reject(error))
    })
    this.unpacked += total
    return Buffer.concat(chunks, total)
  }

  /** An entry as UTF-8 text. */
  async text(name: string): Promise<string> {
    return new TextDecoder('utf-8').decode(await this.read(name))
  }

  /** The archive as mammoth reads a .docx (`{ file }` input): every read goes through the limits. */
  asMammothFile(): { exists(name: string): boolean; read(name: string, encoding?: string): Promise<Uint8Array | string> } {
    return {
      exists: (name) => this.has(name),
      read: async (name, encoding) => {
        const bytes = await this.read(name)
        if (encoding === 'base64') return Buffer.from(bytes).toString('base64')
        return encoding ? new TextDecoder(encoding).decode(bytes) : bytes
      }
    }
  }
}
