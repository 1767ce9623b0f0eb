// Quick-search popup entry: mounts the compact search app.
import { createApp } from 'vue'
import PopupApp from './PopupApp.vue'
import { createAppI18n } from './i18n'
import './styles/base.css'

createApp(PopupApp).use(createAppI18n()).mount('#app')
