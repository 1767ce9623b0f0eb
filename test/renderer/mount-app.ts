// Mounts a Semnote window component against a fake bridge, with i18n, attached to the document.
import { flushPromises, mount } from '@vue/test-utils'
import type { Component } from 'vue'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { createFakeApi } from './fake-api'

/** Installs `fake` as window.semnote, mounts `component` (default: the main window) and lets startup calls settle. */
export async function mountWithApi(fake: ReturnType<typeof createFakeApi>, component: Component = App) {
  window.semnote = fake.api
  document.body.innerHTML = ''
  const wrapper = mount(component, { props: { debounceMs: 100 }, global: { plugins: [createAppI18n()] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
