// Build configuration for the three Electron bundles: main (+ engine host + CLI), preload and renderer.
import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'engine-host': resolve(__dirname, 'src/main/engine-host.ts'),
          cli: resolve(__dirname, 'src/main/cli/semnote.ts'),
          // Document extraction (PDF, Word, EPUB, OpenDocument) runs in this worker, off the engine's thread.
          'document-worker': resolve(__dirname, 'src/main/engine/extract/isolated/document-worker.ts'),
          // Notes are read, extracted, chunked and tokenized in a pool of these workers, off the engine's thread.
          'prepare-worker': resolve(__dirname, 'src/main/engine/facade/prepare-worker.ts'),
          // The model runs in this worker, so the engine's event loop never waits for onnxruntime.
          'session-worker': resolve(__dirname, 'src/main/engine/model/session-worker.ts'),
          // The map's layout worker thread (started by src/main/engine/map/worker-client.ts from this file).
          'map-worker': resolve(__dirname, 'src/main/engine/map/layout-worker.ts')
        }
      }
    }
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [vue()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          popup: resolve(__dirname, 'src/renderer/popup.html')
        }
      }
    }
  }
})
