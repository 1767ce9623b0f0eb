// Main window entry: mounts the Vue app with i18n and the global styles.
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import './styles/base.css'

createApp(App).use(createAppI18n()).mount('#app')
