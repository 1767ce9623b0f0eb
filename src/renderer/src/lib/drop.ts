// Window drag-and-drop of files and folders: hover state plus absolute paths via window.semnote.pathForFile.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import type { SemnoteApi } from '../../../shared/api'

export interface DroppedPaths {
  folders: string[]
  files: string[]
}

function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files')
}

/**
 * Splits a drop into folders and files, resolving each to an absolute path through the bridge. `files` lists only the
 * dropped files while `items` also holds any text the source added (a file manager's uri-list), so files pair with the
 * items of kind "file", in order.
 */
export function pathsFromDrop(dataTransfer: DataTransfer, api: Pick<SemnoteApi, 'pathForFile'>): DroppedPaths {
  const result: DroppedPaths = { folders: [], files: [] }
  const items = [...(dataTransfer.items ?? [])].filter((item) => item.kind === 'file')
  const files = [...(dataTransfer.files ?? [])]
  files.forEach((file, index) => {
    const path = api.pathForFile(file)
    if (!path) return
    const entry = items[index]?.webkitGetAsEntry?.()
    const isFolder = entry?.isDirectory ?? false
    ;(isFolder ? result.folders : result.files).push(path)
  })
  return result
}

/** Tracks whether files are dragged over the window and calls `onDrop` with their paths. */
export function useFileDrop(api: Pick<SemnoteApi, 'pathForFile'>, onDrop: (paths: DroppedPaths) => void) {
  const dragging = ref(false)
  let depth = 0

  const enter = (event: DragEvent) => {
    if (!carriesFiles(event)) return
    event.preventDefault()
    depth++
    dragging.value = true
  }
  const over = (event: DragEvent) => {
    if (!carriesFiles(event)) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
  }
  const leave = () => {
    depth = Math.max(0, depth - 1)
    if (depth === 0) dragging.value = false
  }
  const drop = (event: DragEvent) => {
    event.preventDefault()
    depth = 0
    dragging.value = false
    if (event.dataTransfer) onDrop(pathsFromDrop(event.dataTransfer, api))
  }

  onMounted(() => {
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', enter)
    window.removeEventListener('dragover', over)
    window.removeEventListener('dragleave', leave)
    window.removeEventListener('drop', drop)
  })
  return { dragging }
}
