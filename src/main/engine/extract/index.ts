// Public surface of the extract stage.
export { extractBytes, extractFile, extensionOf, type ExtractFileOptions } from './extract'
export { registerExtractor, supportedExtensions, textExtractor, extractorFor } from './registry'
export { DEFAULT_MAX_FILE_BYTES, formatBytes, readFileBytes } from './read-file'
export { decodeText } from './decode'
export type * from './types'
