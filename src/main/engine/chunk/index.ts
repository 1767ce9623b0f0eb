// Public surface of the chunk stage.
export { chunkDocument, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS, type ChunkableDoc, type ChunkOptions, type DocChunk } from './chunker'
export { chunkId } from './chunk-id'
